"""What a browser would run in a page: the check behind every "hostile text is inert" test."""

from html.parser import HTMLParser


class _Hazards(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._in_script = tag == "script"
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "formaction") and (
                value or ""
            ).strip().lower().startswith(("javascript:", "data:text", "vbscript:")):
                self.found.append(f"<{tag} {name}={value}>")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert" in data:
            self.found.append(f"<script>{data[:40]}")


def live_hazards(html: str) -> list[str]:
    """Event handlers, script URLs and scripts that call alert(): empty for an inert page."""
    parser = _Hazards()
    parser.feed(html)
    parser.close()
    return parser.found
