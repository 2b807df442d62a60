"""`python -m extractor` is the `extractor` command."""

from extractor.cli import main

raise SystemExit(main())
