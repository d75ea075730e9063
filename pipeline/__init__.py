"""vanban: Vietnamese administrative documents in, schema-valid JSON out.

The stages live here (detect → read → assemble → sections/tables → run);
the things we pull out of a document live in :mod:`extractors`.
"""

__version__ = "0.1.0"
SCHEMA_VERSION = "1.0.0"
SCHEMA_ID = "https://vanban.dev/schemas/vanban-1.0.0.schema.json"
