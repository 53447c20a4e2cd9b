"""Personal numbers in text that residents write: masked wherever that text is public.

Residents sometimes type their phone, ID-card or bank-card number into a report, a reopen message or a
note. `personal_numbers_mask()` hides most digits of every such number (``138****5678``,
``4301**********0717``) and leaves everything else as written: report references (HL-2026-000011),
dates, times, amounts, counts and links. Public pages apply it through the ``personal_numbers_mask``
template filter, search documents through this function, so the index never holds the full number.
Staff-written text (news, the office's published phone) is never passed through it; the admin shows
residents' text as written.

What counts as a personal number (after fullwidth digits are read as ASCII ones):

- mainland mobiles, 1[3-9] and nine more digits, with or without +86 / 0086 / 86, grouped with spaces
  or dashes (138 1234 5678, 138-1234-5678);
- landlines with an area code (0731-84567890, 073184567890, (0731)8456 7890, +86 731 8456 7890), and a
  7–8 digit local number right after a word such as 电话 or 座机;
- ID-card numbers, 18 digits (the last may be X) or the old 15, by their shape (region, birth date);
- bank-card-like runs of 16–19 digits, bare or in groups of four.

A digit run that touches more digits is never cut out of it (so longer numbers are left whole), and
links (http://…, www.…) are left untouched, numeric ids and all.
"""

import re

from .phones import digits_ascii, mask_phone

# Said beside every public form field where residents write freely, before they submit.
PUBLIC_TEXT_NOTICE = "公开时会隐去手机号、身份证号等个人信息。"

_SEPARATORS = " -\u2010\u2011\u2012\u2013\u2014\u2015"  # a space or a dash between groups of digits
_SEP = "[" + re.escape(_SEPARATORS) + "]"
_S = _SEP + "?"
_DAY = r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"  # MMDD
_AREA = r"(?:10|2[0-9]|[3-9][0-9]{2})"  # area code without its leading 0: 10, 2x, 3–4 digits elsewhere
_LOCAL = rf"[2-9][0-9]{{2,3}}{_S}[0-9]{{4}}"  # a 7- or 8-digit local number
_INTL = rf"(?:\+86|0086|86){_S}"
# A local number without its area code is only taken for a phone right after a word that says so.
_KEYWORD = r"(?:电话|座机|固话|联系方式|tel|TEL|Tel)(?:号码|号)?[:：\s]*(?:是|为)?[:：\s]*"

_NUMBER = re.compile(
    rf"""
    (?=[0-9+(hw电座固联tT])  # what every alternative starts with: lets the scan skip other characters fast
    (?:
    (?P<url>(?:https?://|www\.)[A-Za-z0-9\-._~:/?\#\[\]@!$&'()*+,;=%]+)
    | (?<![0-9])(?:
        (?P<id18>[1-9][0-9]{{5}}{_S}(?:18|19|20)[0-9]{{2}}{_S}{_DAY}{_S}[0-9]{{3}}[0-9Xx])
      | (?P<card>[0-9]{{16,19}}|[0-9]{{4}}(?:{_SEP}[0-9]{{4}}){{3}}(?:{_SEP}[0-9]{{1,3}})?)
      | (?P<id15>[1-9][0-9]{{5}}{_S}[0-9]{{2}}{_DAY}{_S}[0-9]{{3}})
      | (?P<mobile_prefix>{_INTL}|\+?)(?P<mobile>1[3-9][0-9]{_S}[0-9]{{4}}{_S}[0-9]{{4}})
      | (?P<landline_prefix>{_INTL}\(?|\(?0)(?P<area>{_AREA})\)?{_S}(?P<local>{_LOCAL})
    )(?![0-9])
    | (?P<keyword>{_KEYWORD})(?P<keyword_local>{_LOCAL})(?![0-9])
    )
    """,
    re.VERBOSE,
)
_ANY_DIGIT = re.compile(r"\d")  # any script's decimal digits, as digits_ascii reads them


def _digits(text: str) -> str:
    return re.sub(r"[^0-9Xx]", "", text)


def _middle_hidden(digits: str, *, keep_start: int, keep_end: int) -> str:
    return digits[:keep_start] + "*" * (len(digits) - keep_start - keep_end) + digits[-keep_end:]


def _local_hidden(local: str) -> str:
    """A landline's local number with its first four digits hidden: ****7890 (****890 for 7 digits)."""
    return "****" + _digits(local)[4:]


def _masked(match: re.Match) -> str:
    text = match.group()
    if match["id18"] is not None:
        return _middle_hidden(_digits(text), keep_start=4, keep_end=4)
    if match["card"] is not None:
        return _middle_hidden(_digits(text), keep_start=4, keep_end=4)
    if match["id15"] is not None:
        return _middle_hidden(_digits(text), keep_start=4, keep_end=3)
    if match["mobile"] is not None:
        prefix, masked = match["mobile_prefix"].rstrip(_SEPARATORS), mask_phone(_digits(match["mobile"]))
        return f"{prefix} {masked}" if prefix.strip("+") else prefix + masked
    if match["local"] is not None:
        prefix = match["landline_prefix"].replace("(", "")
        return f"{prefix}{match['area']}-{_local_hidden(match['local'])}"
    return match["keyword"] + _local_hidden(match["keyword_local"])


def personal_numbers_mask(text: str) -> str:
    """`text` with every phone, ID-card and bank-card number in it masked (see the module's docstring)."""
    if not text or not _ANY_DIGIT.search(text):
        return text or ""
    read = digits_ascii(text)
    out, last = [], 0
    for match in _NUMBER.finditer(read):
        if match["url"] is not None:
            continue
        out.append(text[last : match.start()])
        out.append(_masked(match))
        last = match.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)
