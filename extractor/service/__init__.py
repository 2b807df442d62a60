"""Running the extractor over files: one-shot runs now; the watcher and batch later."""
