#!/usr/bin/env python3
"""svg-facts.py - what a picture of elfault's says, for tests/pictures.sh.

Parses an SVG (from a file or standard input) with a real XML parser -
exit 1 and the parser's words if it is not well-formed - and prints,
one a line:
  svg WIDTH HEIGHT                the size, in points
  rect CLASS X Y W H TITLE        each titled box of the invisible layer
  text LABEL                      each label
"""
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else sys.stdin
    try:
        root = ET.parse(source).getroot()
    except ET.ParseError as error:
        print("not XML: %s" % error, file=sys.stderr)
        return 1
    if root.tag != SVG + "svg":
        print("not an SVG document: <%s>" % root.tag, file=sys.stderr)
        return 1
    print("svg %s %s" % (root.get("width").rstrip("pt"),
                         root.get("height").rstrip("pt")))
    for rect in root.iter(SVG + "rect"):
        title = rect.find(SVG + "title")
        if title is not None:
            print("rect %s %s %s %s %s %s" % (
                rect.get("class", "-"), rect.get("x"), rect.get("y"),
                rect.get("width"), rect.get("height"), title.text))
    for text in root.iter(SVG + "text"):
        print("text %s" % text.text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
