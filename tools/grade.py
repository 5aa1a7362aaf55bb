"""Rough Flesch-Kincaid grade of Markdown files, for writers (the site's checker is the real gate).

Usage: python tools/grade.py FILE...
"""
import re
import sys

import textstat

def plain(md):
    md = re.sub(r"\A---\n.*?\n---\n", "", md, flags=re.S)
    md = re.sub(r"^#.*$", "", md, flags=re.M)          # headings are not prose
    md = re.sub(r"\[@[^\]]*\]", "", md)                 # citations
    md = re.sub(r"\[\[!?([^\]|]*)(\|[^\]]*)?\]\]", r"\1", md)  # glossary marks
    md = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", md)    # links
    md = re.sub(r"^\s*([-*]|\d+\.)\s+", "", md, flags=re.M)
    md = re.sub(r"[*_`>|]", "", md)
    return md

for name in sys.argv[1:]:
    text = plain(open(name, encoding="utf-8").read())
    print(f"{textstat.flesch_kincaid_grade(text):5.1f}  {len(text.split()):5d} words  {name}")
