"""OCR engines behind one interface (base.py); one module per engine."""
