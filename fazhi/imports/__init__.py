"""A generic, reusable .xlsx import/export framework: declare a Table once (fazhi.imports.spec), get
the template, the export and the all-or-nothing import with a per-row Chinese error report."""
