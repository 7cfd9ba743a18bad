"""A web page's main text split into the article body and what surrounds it on news pages.

trafilatura finds the main text; what it keeps around the article still confuses the extractors:
the headline repeated as the first line, a dateline ("JAKARTA (Reuters) -") fused to the first
sentence, bylines ("By ...", "(Writing by ...; Editing by ...)") read as quotes, photo captions and
credits ("... REUTERS/Jane Doe") glued to the next paragraph, share widgets and sidebars ("Trending
On ...", "Tweet this"). ``split_page_text`` takes them off, line by line; the body is what is left,
joined by the same line breaks, and it is the text every offset points into.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

_AGENCIES = r"Reuters|AP|AFP|Bloomberg|dpa|UPI|Xinhua|AAP|ANSA|EFE|PTI|IANS|Kyodo|Yonhap|TASS|CNN|BBC"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DASH = r"(?:-{1,2}|—|–|:)"
#: "JAKARTA (Reuters) -", "LONDON, Dec 9 (Reuters) -", "WASHINGTON —", "SAN JOSE, Costa Rica —",
#: "Hong Kong (AFP) -": an upper-case place, or any place followed by an agency in parentheses.
_CAP_WORD = r"[A-Z][\w.'’\-]+"
_UPPER_WORD = r"[A-Z][A-Z.'’\-]+"
_DAY = rf"(?:,? {_MONTH} \d{{1,2}}(?:, \d{{4}})?)?"
_AGENCY = rf"\((?:{_AGENCIES})\)"
DATELINE = re.compile(
    rf"^(?:{_UPPER_WORD}(?: {_UPPER_WORD}){{0,3}}(?:, {_CAP_WORD}(?: {_CAP_WORD}){{0,2}})?{_DAY}(?: {_AGENCY})?"  # an upper-case place
    rf"|{_CAP_WORD}(?: {_CAP_WORD}){{0,3}}(?:, {_CAP_WORD}){{0,2}}{_DAY} {_AGENCY})"  # any place, then the agency
    rf"\s*{_DASH}\s+(?=\S)"
)
BYLINE = re.compile(r"^(?:By|BY|Von)\s+[A-Z][\w.'’\-]*(?:[ ,;&|]+(?:and\s+)?[A-Za-z][\w.'’\-]*){0,10}\s*$")
CLOSING_CREDIT = re.compile(
    r"^[(\[]?\s*(?:(?:Additional\s+)?Reporting|Writing|Editing|Edited|Compiled|Written|Produced|Translated|Research)"
    r"(?:\s+and\s+\w+)?\s+by\s+.{2,300}?[)\]]?\s*$", re.I)
#: Photo captions and credits: wire-service and agency credit forms.
CREDIT = re.compile(r"REUTERS/|/REUTERS\b|\bAP Photo\b|\bAFP PHOTO\b|\bAFP via Getty\b|\bGetty Images\b|"
                    r"\(Photo(?:graph)?:|\bPhoto(?:graph)?:\s|\(Photo by\b|\bFile Photo\b", re.I)
#: A credit glued to the next paragraph's first word: "...REUTERS/Jane Doe/REUTERSThe UK ...".
GLUED_CREDIT = re.compile(r"^(?P<caption>.{10,400}?(?:REUTERS/[\w.'’\- ]+?/REUTERS|/REUTERS|REUTERS/[A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+)?))"
                          r"(?=[A-Z][a-z])")
#: Lines of page furniture: share widgets, newsletter boxes, ads, copyright and market notices.
FURNITURE = re.compile(
    r"^(?:Tweet this|Share this(?: article)?|Share on \w+(?: Share on \w+)*|Share|Email|E-mail|Print|Comments?(?: \(\d+\))?"
    r"|Advertisement|Sponsored|Sign up.*|Subscribe.*|Follow us.*|Click here.*|Read more.*|Read the full story.*|Continue reading.*"
    r"|All quotes delayed.*|Copyright .*|©.*|\(c\) \d{4}.*|All rights reserved\.?|Our Standards:.*|Reporting by .* Editing by .*"
    r"|Image \d+ of \d+|Photo \d+ of \d+|Skip to .*|Back to top)$", re.I)
#: The heading of a sidebar: it and the short lines after it go.
SIDEBAR = re.compile(r"^(?:Trending On\b.*|Trending( Now| Stories)?|Related( Coverage| Stories| Articles| News)?|More from .*|Most Popular.*"
                     r"|Most Read.*|Recommended(?: for you)?|You may also like|Editor'?s Picks|Top News|Latest News|Also on .*)$", re.I)
SIDEBAR_LINE_CHARS = 160


@dataclass
class PageText:
    body: str
    title: Optional[str] = None
    dateline: Optional[str] = None
    bylines: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # captions, credits, furniture, sidebars

    @property
    def byline(self) -> Optional[str]:
        return "; ".join(self.bylines) or None


def split_page_text(text: str, title: Optional[str] = None) -> PageText:
    """Body and surroundings of trafilatura's main text of a news page."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    out = PageText(body="", title=title)
    lines = _unglue_credits(lines)
    if title:  # the headline repeated as the first line(s)
        key = _key(title)
        while lines and _key(lines[0]) in (key, _key(title.split(" | ")[0]), _key(title.split(" - ")[0])):
            lines.pop(0)
    body: list[str] = []
    in_sidebar = False
    for index, line in enumerate(lines):
        if in_sidebar and len(line) <= SIDEBAR_LINE_CHARS:
            out.removed.append(line)
            continue
        in_sidebar = False
        if BYLINE.match(line) and len(line) <= 120:
            out.bylines.append(line)
        elif CLOSING_CREDIT.match(line):
            out.bylines.append(line.strip("()[] "))
        elif FURNITURE.match(line) and len(line) <= 200:
            out.removed.append(line)
        elif SIDEBAR.match(line) and index >= len(lines) // 3:
            out.removed.append(line)
            in_sidebar = True
        elif CREDIT.search(line) and len(line) <= 400 and not _is_running_text_about_photos(line):
            out.removed.append(line)
        else:
            body.append(line)
    if body:
        match = DATELINE.match(body[0])
        if match:
            out.dateline = re.sub(rf"\s*{_DASH}\s*$", "", match.group(0).strip())
            body[0] = body[0][match.end():]
    out.body = "\n".join(body)
    return out


def _unglue_credits(lines: list[str]) -> list[str]:
    result = []
    for line in lines:
        match = GLUED_CREDIT.match(line)
        if match:
            result.extend([match.group("caption"), line[match.end():]])
        else:
            result.append(line)
    return result


def _is_running_text_about_photos(line: str) -> bool:
    # "The agency said a photo: ..." inside a long paragraph of the article is body text; a credit line
    # is short or ends with the credit
    return len(line) > 250 and not re.search(r"(REUTERS|Images|PHOTO|Photo)[\w/ .]*$", line)


def _key(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" .:|-–—")
