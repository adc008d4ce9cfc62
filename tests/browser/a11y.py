"""Accessibility checks in a real browser: axe-core (tests/browser/vendor/axe.min.js) run in the page.

The public site's strict CSP refuses inline scripts, and Playwright's `add_script_tag` adds an
inline <script>; so the source is evaluated through the DevTools protocol instead (page.evaluate),
which Chromium does not subject to the page's CSP. The page under test keeps its real CSP, so a
test can still check that nothing else was blocked.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from playwright.sync_api import Page

AXE_SOURCE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
# GB/T 37668-2019 level 2 corresponds to WCAG 2.0 AA (its annex maps the clauses); best-practice
# rules (regions, heading order, landmarks) are run too since the standard asks for them in prose.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING_IMPACTS = ("serious", "critical")


@cache
def _axe_source() -> str:
    return AXE_SOURCE.read_text(encoding="utf-8")


def axe_violations(page: Page, impacts: tuple[str, ...] = BLOCKING_IMPACTS) -> list[dict]:
    """axe-core's violations on the page as loaded now, only those of the given impacts."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [violation for violation in results["violations"] if violation["impact"] in impacts]


def describe(violations: list[dict]) -> str:
    """The violations as text a developer can act on: rule, impact, help and each offending node."""
    lines = []
    for violation in violations:
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})"
        )
        for node in violation["nodes"][:10]:
            lines.append(f"    {' '.join(node['target'])}: {node['html'][:160]}")
            if node.get("failureSummary"):
                lines.extend(f"        {line}" for line in node["failureSummary"].splitlines()[1:3])
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)
