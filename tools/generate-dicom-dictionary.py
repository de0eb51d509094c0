#!/usr/bin/env python3
"""Generates Tags.java and StandardDictionary.java of org.rispacs.dicom.data from dcmtk's dicom.dic.

Usage: python3 tools/generate-dicom-dictionary.py /usr/share/libdcmtk17/dicom.dic

dicom.dic lines are tab separated: (gggg,eeee) VR Keyword VM Version. Entries whose group or element
is a range, e.g. (6000-60FF,3000) or (0020,3100-31FF), become one constant for the lowest tag and a
range rule in the dictionary; the PRIVATE/ILLEGAL/GENERIC pseudo entries are left out because
StandardDictionary treats group lengths and private tags by rule.
"""

import os
import re
import sys

PACKAGE = "org.rispacs.dicom.data"
OUTPUT_DIR = os.path.join("dicom-edge", "src", "main", "java", *PACKAGE.split("."))
COMMAND = "python3 tools/generate-dicom-dictionary.py /usr/share/libdcmtk17/dicom.dic"

REAL_VRS = set(
    "AE AS AT CS DA DS DT FL FD IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV".split())

# dcmtk's pseudo VRs. Where the standard allows several VRs the first one listed is taken, except for
# the "OB or OW" bulk data (pixel, overlay, waveform data) whose implicit VR encoding is OW (PS3.5 A.1).
PSEUDO_VRS = {
    "xs": "US",  # US or SS
    "lt": "US",  # US or SS or OW
    "up": "UL",  # UL used as an offset
    "ox": "OW",  # OB or OW
    "px": "OW",  # OB or OW, pixel data
}

LINE = re.compile(r"^\(([0-9A-Fa-f]{4})(?:-([ou]-)?([0-9A-Fa-f]{4}))?,"
                  r"([0-9A-Fa-f]{4})(?:-([ou]-)?([0-9A-Fa-f]{4}))?\)$")


def parse(path):
    exact = {}
    ranges = {}
    with open(path, encoding="latin-1") as source:
        for raw in source:
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            fields = [f for f in fields if f != ""]
            if len(fields) < 5:
                raise SystemExit("unexpected line: " + line)
            tag_text, vr, keyword, _vm, version = fields[:5]
            if version in ("PRIVATE", "ILLEGAL", "GENERIC"):
                continue
            if vr == "na":
                vr = "UN"  # item and delimitation tags have no VR
            vr = PSEUDO_VRS.get(vr, vr)
            if vr not in REAL_VRS:
                raise SystemExit("unknown VR %s in line: %s" % (vr, line))
            match = LINE.match(tag_text)
            if not match:
                raise SystemExit("unexpected tag: " + line)
            group_low, group_mode, group_high, elem_low, elem_mode, elem_high = match.groups()
            if group_mode or elem_mode:
                raise SystemExit("odd-only or unrestricted ranges are not expected here: " + line)
            group = int(group_low, 16)
            element = int(elem_low, 16)
            tag = (group << 16) | element
            if group_high is None and elem_high is None:
                exact[tag] = (vr, keyword)
            else:
                ranges[tag] = (group, int(group_high or group_low, 16), element,
                               int(elem_high or elem_low, 16), group_high is not None, vr, keyword)
    return exact, ranges


def header(kind):
    return ("// GENERATED FILE, do not edit. %s from dcmtk's dicom.dic (DICOM PS3.6/PS3.7) by:\n"
            "//   %s\n" % (kind, COMMAND))


def write_tags(exact, ranges):
    entries = sorted([(tag, value[1], False) for tag, value in exact.items()]
                     + [(tag, value[6], True) for tag, value in ranges.items()])
    seen = set()
    lines = [header("Tag constants"), "package %s;\n" % PACKAGE, "\n",
             "/** Tags of the standard data dictionary, named by keyword (retired ones prefixed RETIRED_). */\n",
             "public final class Tags {\n"]
    for tag, keyword, repeating in entries:
        if keyword in seen:
            raise SystemExit("duplicate keyword " + keyword)
        seen.add(keyword)
        if repeating:
            group_low, group_high, elem_low, elem_high, _g, _vr, _k = ranges[tag]
            lines.append("    /** Repeating: groups %04X-%04X, elements %04X-%04X; this is the first tag. */\n"
                         % (group_low, group_high, elem_low, elem_high))
        lines.append("    public static final int %s = 0x%08X;\n" % (keyword, tag))
    lines += ["\n", "    private Tags() {\n", "    }\n", "}\n"]
    return "".join(lines)


def write_dictionary(exact, ranges):
    chunk_size = 400
    # Arrays.binarySearch compares signed ints, so tags of groups 8000-FFFF sort first.
    entries = sorted(exact.items(), key=lambda item: item[0] - (1 << 32) if item[0] >= (1 << 31) else item[0])
    chunks = [entries[i:i + chunk_size] for i in range(0, len(entries), chunk_size)]
    out = [header("Dictionary"), "package %s;\n" % PACKAGE, "\n",
           "import java.util.Arrays;\n", "import java.util.HashMap;\n", "import java.util.Map;\n", "\n",
           "/**\n",
           " * VR and keyword of the standard data elements. Group lengths (gggg,0000) are UL, private creators\n",
           " * (odd gggg,0010-00FF) LO, other private and unknown tags UN. Where the standard allows several VRs\n",
           " * the first is given, except OW for pixel, overlay and waveform data (their implicit VR encoding).\n",
           " */\n",
           "public final class StandardDictionary {\n",
           "    private static final int SIZE = %d;\n" % len(entries),
           "    private static final int[] TAGS = new int[SIZE];\n",
           "    private static final VR[] VRS = new VR[SIZE];\n",
           "    private static final String[] KEYWORDS = new String[SIZE];\n",
           "    private static final RepeatingEntry[] REPEATING = {\n"]
    for tag, (group_low, group_high, elem_low, elem_high, group_range, vr, keyword) in sorted(ranges.items()):
        out.append("        new RepeatingEntry(0x%04X, 0x%04X, 0x%04X, 0x%04X, %s, VR.%s, \"%s\"),\n"
                   % (group_low, group_high, elem_low, elem_high, "true" if group_range else "false", vr, keyword))
    out += ["    };\n",
            "    private static int count;\n",
            "    private static volatile Map<String, Integer> tagsByKeyword;\n", "\n",
            "    static {\n"]
    for index in range(len(chunks)):
        out.append("        register%d();\n" % index)
    out += ["    }\n", "\n",
            "    private StandardDictionary() {\n", "    }\n", "\n",
            "    /** The VR of a tag: UL for group lengths, LO for private creators, UN when unknown or private. */\n",
            "    public static VR vrOf(int tag) {\n",
            "        int element = tag & 0xFFFF;\n",
            "        if (element == 0) {\n",
            "            return VR.UL;\n",
            "        }\n",
            "        if (isPrivate(tag)) {\n",
            "            return element >= 0x0010 && element <= 0x00FF ? VR.LO : VR.UN;\n",
            "        }\n",
            "        int index = Arrays.binarySearch(TAGS, tag);\n",
            "        if (index >= 0) {\n",
            "            return VRS[index];\n",
            "        }\n",
            "        RepeatingEntry repeating = repeatingEntryOf(tag);\n",
            "        return repeating != null ? repeating.vr : VR.UN;\n",
            "    }\n", "\n",
            "    /** The keyword of a standard tag, or null when the tag is not in the dictionary. */\n",
            "    public static String keywordOf(int tag) {\n",
            "        if (isPrivate(tag)) {\n",
            "            return null;\n",
            "        }\n",
            "        int index = Arrays.binarySearch(TAGS, tag);\n",
            "        if (index >= 0) {\n",
            "            return KEYWORDS[index];\n",
            "        }\n",
            "        RepeatingEntry repeating = repeatingEntryOf(tag);\n",
            "        return repeating != null ? repeating.keyword : null;\n",
            "    }\n", "\n",
            "    /** The tag of a keyword (for repeating groups the first one), or -1 when unknown. */\n",
            "    public static int tagOf(String keyword) {\n",
            "        Map<String, Integer> index = tagsByKeyword;\n",
            "        if (index == null) {\n",
            "            index = new HashMap<>(SIZE * 2);\n",
            "            for (int i = 0; i < SIZE; i++) {\n",
            "                index.put(KEYWORDS[i], TAGS[i]);\n",
            "            }\n",
            "            for (RepeatingEntry repeating : REPEATING) {\n",
            "                index.put(repeating.keyword, repeating.groupLow << 16 | repeating.elementLow);\n",
            "            }\n",
            "            tagsByKeyword = index;\n",
            "        }\n",
            "        Integer tag = index.get(keyword);\n",
            "        return tag != null ? tag : -1;\n",
            "    }\n", "\n",
            "    public static boolean isPrivate(int tag) {\n",
            "        return (tag & 0x00010000) != 0;\n",
            "    }\n", "\n",
            "    private static RepeatingEntry repeatingEntryOf(int tag) {\n",
            "        int group = tag >>> 16;\n",
            "        int element = tag & 0xFFFF;\n",
            "        for (RepeatingEntry repeating : REPEATING) {\n",
            "            if (repeating.matches(group, element)) {\n",
            "                return repeating;\n",
            "            }\n",
            "        }\n",
            "        return null;\n",
            "    }\n", "\n",
            "    private static void put(int tag, VR vr, String keyword) {\n",
            "        TAGS[count] = tag;\n",
            "        VRS[count] = vr;\n",
            "        KEYWORDS[count] = keyword;\n",
            "        count++;\n",
            "    }\n"]
    for index, chunk in enumerate(chunks):
        out += ["\n", "    private static void register%d() {\n" % index]
        for tag, (vr, keyword) in chunk:
            out.append("        put(0x%08X, VR.%s, \"%s\");\n" % (tag, vr, keyword))
        out.append("    }\n")
    out += ["\n",
            "    /** A dictionary entry for a range of tags; group ranges cover even groups only. */\n",
            "    private record RepeatingEntry(int groupLow, int groupHigh, int elementLow, int elementHigh,\n",
            "                                  boolean evenGroupsOnly, VR vr, String keyword) {\n",
            "        boolean matches(int group, int element) {\n",
            "            return group >= groupLow && group <= groupHigh && element >= elementLow\n",
            "                && element <= elementHigh && (!evenGroupsOnly || (group & 1) == 0);\n",
            "        }\n",
            "    }\n",
            "}\n"]
    return "".join(out)


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: " + COMMAND)
    exact, ranges = parse(sys.argv[1])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    target = os.path.join(root, OUTPUT_DIR)
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(target, "Tags.java"), "w", encoding="utf-8", newline="\n") as out:
        out.write(write_tags(exact, ranges))
    with open(os.path.join(target, "StandardDictionary.java"), "w", encoding="utf-8", newline="\n") as out:
        out.write(write_dictionary(exact, ranges))
    print("%d tags, %d repeating entries" % (len(exact), len(ranges)))


if __name__ == "__main__":
    main()
