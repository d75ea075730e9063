"""``vanban serve``: a small local web app over a corpus built by ``vanban ingest``."""
