"""The docs in the repository: the README opens with the two commands and stays an overview;
every relative link of the README and docs/ reaches a file and, for a Markdown anchor, one of
its headings (GitHub's anchors); every "docs/CONTRACT.md section N" the code cites exists."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

from conftest import PROJECT_ROOT

PAGES = [PROJECT_ROOT / "README.md", *sorted((PROJECT_ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\[((?:[^\[\]]|\n)*?)\]\(([^)\s]+)\)")


def without_code_blocks(text: str) -> str:
    lines, fenced = [], False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            line = ""
        lines.append("" if fenced else line)
    return "\n".join(lines)


def anchors(page: Path) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to '-', repeats numbered."""
    found: set[str] = set()
    seen: dict[str, int] = {}
    for line in without_code_blocks(page.read_text(encoding="utf-8")).split("\n"):
        heading = re.match(r"^#{1,6} +(.*?) *#*$", line)
        if not heading:
            continue
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading.group(1)).strip().lower()
        anchor = re.sub(r"[^\w\- ]", "", text).replace(" ", "-")
        seen[anchor] = seen.get(anchor, -1) + 1
        found.add(anchor if seen[anchor] == 0 else f"{anchor}-{seen[anchor]}")
    return found


def test_the_readme_opens_with_the_two_commands_and_stays_short() -> None:
    text = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    first_block = text[text.index("```"):text.index("```", text.index("```") + 3)]
    assert "make demo" in first_block and "make test" in first_block
    assert text.index("make demo") < text.index("make test") < 1200
    assert len(text.splitlines()) <= 300


def test_every_relative_link_resolves() -> None:
    broken = []
    for page in PAGES:
        text = without_code_blocks(page.read_text(encoding="utf-8"))
        for link in LINK.finditer(text):
            target = link.group(2)
            if re.match(r"^[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            destination = (page.parent / urllib.parse.unquote(path)).resolve() if path else page
            if not destination.exists():
                broken.append(f"{page.name}: {target} (no such file)")
            elif anchor and (destination.suffix != ".md" or anchor not in anchors(destination)):
                broken.append(f"{page.name}: {target} (no such heading)")
    assert broken == []


def test_the_contract_sections_the_code_cites_exist() -> None:
    contract = (PROJECT_ROOT / "docs" / "CONTRACT.md").read_text(encoding="utf-8")
    sections = {int(number) for number in re.findall(r"^## (\d+)\. ", contract, flags=re.MULTILINE)}
    cited = set()
    for folder in ("leadscore", "models", "macros", "tests"):
        for path in (PROJECT_ROOT / folder).rglob("*"):
            if path.suffix in (".py", ".sql", ".yml") and "__pycache__" not in path.parts:
                text = path.read_text(encoding="utf-8")
                assert not re.search(r"(?<![/\w])CONTRACT\.md,? section", text), f"{path}: cite docs/CONTRACT.md"
                cited |= {int(n) for n in re.findall(r"docs/CONTRACT\.md,? sections? (\d+)", text)}
    assert cited and cited <= sections
