"""How close two posts are, for the composer's "make it yours" nudge.

Character trigrams work for every language we share in, including Thai, which has no spaces
between words; URLs and hashtags are left out, since everyone's post carries the same ones."""

import math
import re
from collections import Counter

NOISE = re.compile(r"https?://\S+|[#@]\w+")
NEARLY_IDENTICAL = 0.85


def _grams(text: str) -> Counter:
    text = " ".join(NOISE.sub(" ", text).casefold().split())
    if len(text) < 3:
        return Counter([text]) if text else Counter()
    return Counter(text[i : i + 3] for i in range(len(text) - 2))


def similarity(a: str, b: str) -> float:
    """Cosine similarity of character trigrams: 1.0 for the same words, near 0 for others."""
    ga, gb = _grams(a), _grams(b)
    if not ga or not gb:
        return 0.0
    dot = sum(count * gb[gram] for gram, count in ga.items())
    norm = math.sqrt(sum(c * c for c in ga.values())) * math.sqrt(sum(c * c for c in gb.values()))
    return round(dot / norm, 3)
