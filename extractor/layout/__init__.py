"""Page layout shared by narrative and tables: text lines, page furniture."""
