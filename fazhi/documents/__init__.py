"""Official documents (公文) as .docx in the GB/T 9704-2012 layout, and stored files with their SM3
digest. Generic: reconsideration decisions, legal-review opinions and normative documents use it."""
