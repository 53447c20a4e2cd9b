"""Chinese word segmentation with jieba, loaded once per process.

Documents are indexed in a search mode (every word of the precise cut and every dictionary word of two or
more characters inside it: jieba's own search mode stops at three, so 护坡公园 inside 长星路护坡公园 was
lost), queries are cut in precise mode, so a query word is found whether the document holds it alone or
inside a longer word. Local names that jieba would cut apart or across (楼道灯, 拐角公园) are in words.txt.
Terms are lower-cased runs of CJK characters or of ASCII letters and digits only, so that PostgreSQL's `simple`
parser and the SQLite fallback see exactly the same tokens.
"""

import logging
import re
import threading
from functools import lru_cache
from pathlib import Path

import jieba

# Local names jieba would otherwise cut apart (people, places, programmes of the subdistrict).
WORDS_FILE = Path(__file__).with_name("words.txt")
_TOKEN = re.compile(r"[a-z0-9]+|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
STOPWORDS = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "在",
        "是",
        "等",
        "也",
        "都",
        "就",
        "而",
        "并",
        "或",
        "之",
        "其",
        "把",
        "被",
        "对",
        "为",
    ]
)

_tokenizer: jieba.Tokenizer | None = None
_lock = threading.Lock()


def tokenizer() -> jieba.Tokenizer:
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                jieba.setLogLevel(logging.WARNING)
                loaded = jieba.Tokenizer()
                loaded.initialize()
                loaded.load_userdict(str(WORDS_FILE))
                _tokenizer = loaded
    return _tokenizer


def _clean(tokens) -> list[str]:
    terms = []
    for token in tokens:
        terms.extend(t for t in _TOKEN.findall(token.lower()) if t not in STOPWORDS)
    return terms


def _cut_for_index(line: str):
    """Each word of the precise cut, then the dictionary words of two or more characters inside it."""
    loaded = tokenizer()
    for word in loaded.cut(line):
        for size in range(2, len(word)):
            for start in range(len(word) - size + 1):
                if loaded.FREQ.get(part := word[start : start + size]):
                    yield part
        yield word


@lru_cache(maxsize=8192)
def _line_terms(line: str) -> tuple[str, ...]:
    return tuple(_clean(_cut_for_index(line)))


def document_terms(*texts: str) -> str:
    """The index form of some texts: search-mode terms separated by spaces, with a space at each end."""
    terms: list[str] = []
    for text in texts:
        for line in (text or "").splitlines():
            if line.strip():
                terms.extend(_line_terms(line.strip()))
    return f" {' '.join(terms)} " if terms else " "


def query_terms(query: str) -> list[str]:
    """The distinct precise-mode terms of a query, in order."""
    return list(dict.fromkeys(_clean(tokenizer().cut(query))))
