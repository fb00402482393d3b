"""One numbering service for every 文号, 案号 and 登记号: gap-free serials per issuing agency, kind and
year, in formats that are data (see series.py and docs/architecture.md, "Numbering")."""
