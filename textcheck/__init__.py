"""Content checks (内容检查, issue 14 item 6) as plain functions over text.

Personal data a public page must not show (`personal`), wrong or outdated wording and impossible
or future dates (`wording`), and the text of PDF, DOCX and XLSX attachments (`extract`). The
package knows nothing of pages, units or the database: the `review` app walks a page's fields and
attachments, keeps the county's wording list and the accepted false positives, and shows the
findings in the 保密审查 step.
"""

from .extract import Extraction, extract_text
from .findings import Finding, mask
from .personal import find_personal_data, id_check_digit, luhn_valid
from .wording import find_dates, find_expressions

__all__ = [
    "Extraction",
    "Finding",
    "extract_text",
    "find_dates",
    "find_expressions",
    "find_personal_data",
    "id_check_digit",
    "luhn_valid",
    "mask",
]
