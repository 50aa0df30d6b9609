"""What needs and achievements share: field parsing, search, filters, completeness hints."""
