"""Monthly invoicing."""
