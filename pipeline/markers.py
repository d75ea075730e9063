"""Markers of the document's frame that readers and extractors both look for.

Kept in one place so that every stage spells them alike: the national motto
was once written two ways (one of them missed "CỘNG HÒA" with the old tone
placement), so a header read by one stage was not a header to another.
"""

from __future__ import annotations

import re

# "CỘNG HÒA XÃ HỘI …" / "CỘNG HOÀ XÃ HỘI …" (both tone placements, any case) and "Độc lập - Tự do"
MOTTO = r"CỘNG\s+HO?[ÀÒ]A?\s+XÃ|Độc\s+lập\s*[-–]\s*Tự\s+do"
MOTTO_RE = re.compile(MOTTO, re.I)
