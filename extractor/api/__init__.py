"""`extractor serve`: the HTTP API and the review page over the job queue and the results store."""
