#!/usr/bin/env python3
"""Translate Rapport's .ts files in batches from a text editor, without touching the XML by hand.

    python3 translations/tsbatch.py export fr [--all] [--limit N] > /tmp/fr.txt   # messages still to translate
    python3 translations/tsbatch.py apply all /tmp/answers.txt                    # write translations back
    python3 translations/tsbatch.py check fr                                      # placeholders, &, lines, unfinished

`export` lists each message still unfinished in rapport_<lang>.ts (every message with --all) with its id, context,
disambiguation comment, the English source and the German translation as a reference:

    #412 [ContactForm] {plural} (comment: …)
    EN: %n contact(s)
    DE: %n Kontakt || %n Kontakte

An answer file gives the translations for each id, one line per language ("F:" French, "E:" Spanish, "D:" German;
plural forms separated by " || ", line breaks written as \\n; lines starting with "//" are ignored):

    #412
    F: %n contact || %n contacts
    E: %n contacto || %n contactos

`apply all` writes every language the file has lines for; `apply fr` only French (and unprefixed lines).

`apply` rewrites rapport_<lang>.ts in lupdate's layout (same messages and order as rapport_de.ts, the reference
after `update_translations`), keeping existing translations and marking the answered messages finished. Ids are
stable between export and apply as long as rapport_de.ts does not change in between.
"""
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
REFERENCE = HERE / "rapport_de.ts"
LANGUAGES = {"de": "de_DE", "fr": "fr_FR", "es": "es_ES"}
SEP = " || "


def read_ts(path):
    """[(context, source, comment, numerus, translations[list], type)] in file order."""
    if not path.exists():
        return []
    messages = []
    for ctx in ET.parse(path).getroot().findall("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.findall("message"):
            tr = m.find("translation")
            numerus = m.get("numerus") == "yes"
            if tr is None:
                forms, kind = [], "unfinished"
            elif numerus:
                forms, kind = [f.text or "" for f in tr.findall("numerusform")], tr.get("type", "")
            else:
                forms, kind = [tr.text or ""], tr.get("type", "")
            messages.append((name, m.findtext("source") or "", m.findtext("comment"), numerus, forms, kind))
    return messages


def key(m):
    return (m[0], m[1], m[2] or "")


def esc(text):
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("'", "&apos;").replace('"', "&quot;").replace("\u00a0", "&#xa0;"))  # as lupdate writes it


def write_ts(path, lang, messages):
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
           f'<TS version="2.1" language="{LANGUAGES.get(lang, lang)}">']
    current = None
    for context, source, comment, numerus, forms, kind in messages:
        if context != current:
            if current is not None:
                out.append("</context>")
            out += ["<context>", f"    <name>{esc(context)}</name>"]
            current = context
        out.append('    <message numerus="yes">' if numerus else "    <message>")
        out.append(f"        <source>{esc(source)}</source>")
        if comment is not None:
            out.append(f"        <comment>{esc(comment)}</comment>")
        attr = f' type="{kind}"' if kind else ""
        if numerus:
            out.append(f"        <translation{attr}>")
            for f in forms or [""]:
                out.append(f"            <numerusform>{esc(f)}</numerusform>")
            out.append("        </translation>")
        else:
            out.append(f"        <translation{attr}>{esc(forms[0] if forms else '')}</translation>")
        out.append("    </message>")
    if current is not None:
        out.append("</context>")
    out.append("</TS>")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def merged(lang):
    """The reference's messages with this language's translations (unfinished where it has none)."""
    own = {key(m): m for m in read_ts(HERE / f"rapport_{lang}.ts")}
    result = []
    for m in read_ts(REFERENCE):
        mine = own.get(key(m))
        if mine and mine[5] in ("", "unfinished") and any(f.strip() for f in mine[4]):
            result.append(m[:4] + (mine[4], mine[5]))
        else:
            result.append(m[:4] + ([], "unfinished"))
    return result


def flat(text):
    return text.replace("\n", "\\n")


def export(lang, everything, limit):
    reference = read_ts(REFERENCE)
    shown = 0
    for i, (m, mine) in enumerate(zip(reference, merged(lang))):
        if not everything and mine[5] == "" and mine[4]:
            continue
        context, source, comment, numerus, forms, _ = m
        head = f"#{i} [{context}]" + (" {plural}" if numerus else "") + (f" (comment: {comment})" if comment else "")
        print(head)
        print("EN: " + flat(source))
        print("DE: " + SEP.join(flat(f) for f in forms))
        if everything and mine[4]:
            print("NOW: " + SEP.join(flat(f) for f in mine[4]))
        print()
        shown += 1
        if limit and shown >= limit:
            break


def problems(source, forms, numerus):
    found = []
    ph = lambda t: sorted(re.findall(r"%L?\d+", t))
    for f in forms:
        if not f.strip():
            found.append("empty")
        elif ph(source) != ph(f):
            found.append(f"placeholders {ph(source)} vs {ph(f)}")
        elif source.count("\n") != f.count("\n"):
            found.append("line count")
        elif source.count("&") != f.count("&"):
            found.append("accelerator (&) count")
        elif sorted(re.findall(r"</?\w+", source)) != sorted(re.findall(r"</?\w+", f)):
            found.append("HTML tags")
    if numerus and len(forms) != 2:
        found.append(f"{len(forms)} plural forms, expected 2")
    return found


PREFIXES = {"F": "fr", "E": "es", "D": "de"}


def read_answers(answer_file, default_lang):
    """{lang: {id: text}}; a line "F: …", "E: …" or "D: …" is for French, Spanish or German."""
    answers, current = {}, None
    for line in Path(answer_file).read_text(encoding="utf-8").splitlines():
        if line.startswith("//") or not line.strip():
            continue
        head = re.match(r"#(\d+)\b", line)
        if head:
            current = int(head.group(1))
            continue
        if current is None:
            sys.exit(f"text before the first #id: {line!r}")
        prefix = re.match(r"([FED]): ?", line)
        lang = PREFIXES[prefix.group(1)] if prefix else default_lang
        text = line[prefix.end():] if prefix else line
        if current in answers.setdefault(lang, {}):
            sys.exit(f"#{current}: two {lang} translations")
        answers[lang][current] = text
    return answers


def apply(lang, answer_file):
    for language, given in read_answers(answer_file, lang).items():
        if language not in (lang, "both") and lang != "all":
            continue
        apply_one(language, given)


def french_spaces(text):
    """French typography: a no-break space before : ; ? ! » and after «, so a line never starts with them."""
    text = re.sub(r" ([:;?!»])", "\u00a0\\1", text)
    return text.replace("« ", "«\u00a0")


def apply_one(lang, answers):
    messages = merged(lang)
    bad = 0
    for i, text in answers.items():
        if i >= len(messages):
            sys.exit(f"#{i}: no such message")
        context, source, comment, numerus, _, _ = messages[i]
        forms = [f.replace("\\n", "\n") for f in (text.split(SEP) if numerus else [text])]
        issues = problems(source, forms, numerus)
        if issues:
            bad += 1
            print(f"{lang} #{i} [{context}] {flat(source)!r}: {', '.join(issues)} -- left unfinished", file=sys.stderr)
            continue
        if lang == "fr":
            forms = [french_spaces(f) for f in forms]
        messages[i] = (context, source, comment, numerus, forms, "")
    write_ts(HERE / f"rapport_{lang}.ts", lang, messages)
    print(f"{lang}: {len(answers) - bad} applied, {bad} rejected", file=sys.stderr)


def check(lang):
    messages = merged(lang)
    unfinished = sum(1 for m in messages if m[5])
    bad = 0
    for i, (context, source, _, numerus, forms, kind) in enumerate(messages):
        if kind:
            continue
        issues = problems(source, forms, numerus)
        if issues:
            bad += 1
            print(f"#{i} [{context}] {flat(source)!r}: {', '.join(issues)}")
    print(f"{lang}: {len(messages)} messages, {unfinished} unfinished, {bad} with problems")
    return 1 if unfinished or bad else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    command, lang = args[0], args[1]
    if command == "export":
        limit = int(args[args.index("--limit") + 1]) if "--limit" in args else 0
        export(lang, "--all" in args, limit)
    elif command == "apply" and len(args) == 3:
        apply(lang, args[2])
    elif command == "check":
        sys.exit(check(lang))
    else:
        sys.exit(__doc__)
