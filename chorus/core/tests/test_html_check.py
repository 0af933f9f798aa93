from chorus.core.tests.html import live_hazards


def test_the_hazard_check_catches_live_markup_and_passes_escaped_text():
    assert live_hazards('<img src=x onerror="alert(1)">')
    assert live_hazards('<a href=" JavaScript:alert(1)">x</a>')
    assert live_hazards("<script>alert(1)</script>")
    assert live_hazards('<input value="x" onfocus="alert(1)">')
    assert live_hazards('&lt;img src=x onerror="alert(1)"&gt;') == []
    assert live_hazards('<input value="&lt;script&gt;alert(1)&lt;/script&gt;">') == []
