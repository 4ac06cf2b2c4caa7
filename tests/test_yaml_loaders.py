"""The fast loader (libyaml events, our composer) reads every data file exactly as the pure-Python one."""
from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import yaml

from generator import yaml_source

from .conftest import ROOT


def _tree(node: yaml.Node) -> object:
    mark = (node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return (node.tag, node.value, node.style or None, mark)
    if isinstance(node, yaml.MappingNode):
        return (node.tag, mark, [(_tree(k), _tree(v)) for k, v in node.value])
    return (node.tag, mark, [_tree(item) for item in node.value])


def test_fast_loader_is_available_and_reads_every_file_like_the_python_loader() -> None:
    assert yaml_source.CParser is not None, "PyYAML without libyaml: validation is ten times slower"
    files = sorted(ROOT.glob("parks/*.yml")) + sorted(ROOT.glob("policies/*.yml")) + sorted(ROOT.glob("content/**/*.yml"))
    assert len(files) > 50
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast = list(yaml.compose_all(text, Loader=yaml_source._FastLoader))
        slow = list(yaml.compose_all(text, Loader=yaml_source._Loader))
        assert [_tree(n) for n in fast] == [_tree(n) for n in slow], path


def test_syntax_errors_keep_the_python_loaders_message(tmp_path: Path) -> None:
    path = tmp_path / "broken.yml"
    path.write_text("id: x\nname: {zh: a\nkind: y\n", encoding="utf-8")
    loaded, problems = yaml_source.load_yaml(path, "broken.yml")
    assert loaded is None and problems[0].message == "YAML syntax error"
    assert "flow mapping" in problems[0].found


# --- libyaml's own composer (_CLoader) for text that provably cannot nest deep enough to crash it ---

def _full_tree(node: yaml.Node) -> object:
    """Everything a node holds: tag, value, style, flow style, start and end marks."""
    marks = (node.start_mark.index, node.start_mark.line, node.start_mark.column,
             node.end_mark.index, node.end_mark.line, node.end_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return (node.tag, node.value, node.style, marks)
    if isinstance(node, yaml.MappingNode):
        return (node.tag, node.flow_style, marks, [(_full_tree(k), _full_tree(v)) for k, v in node.value])
    return (node.tag, node.flow_style, marks, [_full_tree(item) for item in node.value])


def _data_files() -> list[Path]:
    files = sorted(ROOT.glob("parks/*.yml")) + sorted(ROOT.glob("policies/*.yml")) + sorted(ROOT.glob("content/**/*.yml"))
    return files + sorted((ROOT / "tests" / "fixtures").rglob("*.yml"))


def _same_result(one: tuple, other: tuple, label: object) -> None:
    """Two load results hold the same diagnostics, data (types included), positions and written texts."""
    (loaded, problems), (loaded2, problems2) = one, other
    assert [d.format() for d in problems] == [d.format() for d in problems2], label
    assert problems == problems2, label
    assert (loaded is None) == (loaded2 is None), label
    if loaded is not None:
        assert repr(loaded.data) == repr(loaded2.data) and loaded.data == loaded2.data, label
        assert list(loaded.positions.marks.items()) == list(loaded2.positions.marks.items()), label
        assert list(loaded.positions.written.items()) == list(loaded2.positions.written.items()), label


def test_libyaml_composer_makes_the_same_nodes_and_values_for_every_data_file() -> None:
    files = _data_files()
    shallow = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        if not yaml_source._provably_shallow(text):
            continue
        shallow += 1
        fast = list(yaml.compose_all(text, Loader=yaml_source._CLoader))
        events = list(yaml.compose_all(text, Loader=yaml_source._FastLoader))  # same libyaml events, Python composer
        assert [_full_tree(n) for n in fast] == [_full_tree(n) for n in events], path
        assert [_tree(n) for n in fast] == [_tree(n) for n in yaml.compose_all(text, Loader=yaml_source._Loader)], path
        name = path.relative_to(ROOT).as_posix()
        _same_result(yaml_source.load_yaml(path, name), yaml_source._load(path, name, text), path)
    assert shallow > len(files) * 0.9  # the example's files take the fast way


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "case.yml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


HOSTILE = {
    # deeper than MAX_DEPTH, yet provably shallow for libyaml: its nodes are made, then refused
    "deep but shallow for C": "".join(" " * i + f"k{i}:\n" for i in range(30)) + " " * 30 + "v: " + "[" * 30 + "]" * 30 + "\n",
    "deep block mapping": "".join(" " * i + f"k{i}:\n" for i in range(55)) + " " * 55 + "v: x\n",
    "deep compact list": "a:\n" + "- " * 55 + "x\n",
    "deep flow": "a: " + "[" * 60 + "]" * 60 + "\n",
    "very deep flow": "a: " + "[" * 30_000 + "]" * 30_000 + "\n",
    "unclosed flow": "a: " + "{b: " * 3000 + "\n",
    "alias cycle": "a: &x [1, *x]\n",
    "alias bomb": "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(6)),
    "alias nesting past the limit": "a: &a [x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [[[[[[[[[[*{chr(97 + i)}]]]]]]]]]]\n" for i in range(6)),
    "undefined alias": "a: *nothing\n",
    "duplicate anchor": "a: &x 1\nb: &x 2\n",
    "duplicate key": "id: a\nname: b\nid: c\n",
    "merge key": "base: &b {x: 1}\nother:\n  <<: *b\n",
    "tagged value": "a: !!python/object:os.system x\n",
    "tagged mapping": "a: !!omap [x: 1]\n",
    "list as key": "? [a, b]\n: c\n",
    "escaped control character": 'a: "bell \\a and \\u202e"\n',
    "escaped surrogate": 'a: "\\ud800"\n',
    "raw bidi override": "a: x\u202ey\n",
    "key with control escape": '"k\\x07": v\n',
    "crlf lines": "a: 1\r\nb:\r\n  - x\r\n",
    "lone cr lines": "a: 1\rb: 2\r",
    "next-line break": "a: 1\x85b: 2\n",
    "line separator": "a: x\u2028y\n",
    "bom inside": "a: 1\n\ufeffb: 2\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "empty document": "---\n...\n",
    "a scalar": "just text\n",
    "a list": "- a\n- b\n",
    "impossible date": "a: 2024-02-30\nb: 1e999\nc: 0x_\n",
    "syntax error": "a: [1, 2\nb: 3\n",
    "tab after indicator": "a:\n  -\tx\n",
    "full-width colon": "district：laoshan\n",
    "tab indentation": "a:\n\tb: 1\n",
    "many indicators": "a: " + "-:?" * 50 + "\n",
}


def test_hostile_and_broken_files_read_as_with_the_python_composer_only(tmp_path: Path) -> None:
    for label, text in HOSTILE.items():
        path = _write(tmp_path, text)
        checked, early = yaml_source._text_problems(path.read_bytes(), "case.yml")
        expected = (None, early) if checked is None else yaml_source._load(path, "case.yml", checked)
        _same_result(yaml_source.load_yaml(path, "case.yml"), expected, label)


def test_too_deep_file_gets_the_same_diagnostic_whichever_composer_reads_it(tmp_path: Path) -> None:
    text = HOSTILE["deep but shallow for C"]
    assert yaml_source._provably_shallow(text)  # composed by libyaml first...
    loaded, problems = yaml_source.load_yaml(_write(tmp_path, text), "case.yml")
    assert loaded is None and len(problems) == 1  # ...then refused exactly as before
    assert problems[0].message == f"nesting deeper than {yaml_source.MAX_DEPTH} levels"
    assert (problems[0].line, problems[0].column, problems[0].field) == (31, 53, "k0.k1.k2…")


def test_quick_resolver_gives_the_tags_of_pyyamls_resolver() -> None:
    values = ["", "~", "null", "Null", "NULL", "nil", "yes", "No", "on", "OFF", "true", "False", "y", "n", "0", "-1",
              "+7", "0x1F", "0o17", "017", "1_000", "1:30", "1.5", ".5", "-.inf", ".NaN", "1e3", "6.8523015e+5",
              "2024-02-30", "2024-02-29T10:00:00Z", "2001-12-14 21:59:43.10 -5", "=", "<<", "!x", "&a", "*b",
              "park", "园区", "-", "- x", ":", "?"]
    quick, plain = yaml_source._QuickResolver(), yaml.resolver.Resolver()
    for value in values:
        for implicit in ((True, False), (False, True), (False, False)):
            assert quick.resolve(yaml.ScalarNode, value, implicit) == plain.resolve(yaml.ScalarNode, value, implicit)
    for kind in (yaml.SequenceNode, yaml.MappingNode):
        assert quick.resolve(kind, None, True) == plain.resolve(kind, None, True)


def test_libyaml_composer_at_the_allowed_depth_fits_a_small_thread_stack() -> None:
    """The depth C_COMPOSER_DEPTH is chosen for: composing it in a 128 KB thread must not crash (in a subprocess)."""
    program = (
        "import threading, yaml\n"
        "from generator import yaml_source\n"
        f"n = {yaml_source.C_COMPOSER_DEPTH}\n"
        "text = '[' * n + ']' * n\n"
        "def run():\n"
        "    node = yaml.compose(text, Loader=yaml_source._CLoader)\n"
        "    print('ok', node.tag)\n"
        "threading.stack_size(128 * 1024)\n"
        "t = threading.Thread(target=run); t.start(); t.join()\n"
    )
    done = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("ok"), (done.returncode, done.stderr)


_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _bound(text: str) -> int:
    """The nesting bound _provably_shallow relies on, with the text's own indentation and indicator counts."""
    lines = _BREAKS.split(text)
    indent = max(len(line) - len(line.lstrip(" ")) for line in lines)
    indicators = max(sum(line.count(c) for c in "-?:") for line in lines)
    return 2 * (indent + 1) + 1 + indicators + 2 * text.count("[") + text.count("{") + 1


def _depth(node: yaml.Node, open_nodes: frozenset[int] = frozenset()) -> int:
    if isinstance(node, yaml.ScalarNode) or id(node) in open_nodes:
        return 1
    children = [c for pair in node.value for c in pair] if isinstance(node, yaml.MappingNode) else node.value
    return 1 + max((_depth(c, open_nodes | {id(node)}) for c in children), default=0)


def _random_block(rng: random.Random, depth: int, indent: int) -> list[str]:
    """A random block node as lines (the first without its indentation): compact and indentless lists, explicit keys."""
    kind = rng.choice(["list", "map", "text", "flow"] if depth else ["text"])
    if kind == "text":
        return [rng.choice(["a", "1", "x y", "'q'", '"d"', "~", "", "&a b", "*a", "!!str s", "k: v?"])]
    if kind == "flow":
        def flow(level: int) -> str:
            if not level or rng.random() < 0.3:
                return rng.choice(["a", "b", "1"])
            shape = rng.choice(["[", "{", "pair"])
            if shape == "[":
                return "[" + ", ".join(flow(level - 1) for _ in range(rng.randint(0, 2))) + "]"
            if shape == "{":
                return "{" + ", ".join(f"k{i}: {flow(level - 1)}" for i in range(rng.randint(0, 2))) + "}"
            return "[" + flow(level - 1) + ": " + flow(level - 1) + "]"
        return [flow(rng.randint(1, 6))]
    lines: list[str] = []
    for i in range(rng.randint(1, 3)):
        step = rng.randint(1, 4)
        if kind == "list":
            body = _random_block(rng, depth - 1, indent + step + 1)
            if rng.random() < 0.5:  # compact: "- - x", "- a: b"
                lines += ["-" + " " * step + body[0]] + body[1:]
            else:
                lines += ["-"] + [" " * (indent + step) + body[0]] + body[1:]
        elif rng.random() < 0.2:  # explicit key and value
            key, value = _random_block(rng, depth - 1, indent + 2), _random_block(rng, depth - 1, indent + 2)
            lines += ["? " + key[0]] + key[1:] + [" " * indent + ": " + value[0]] + value[1:]
        else:
            value_indent = indent + (0 if rng.random() < 0.3 else step)  # 0: an indentless list under its key
            body = _random_block(rng, depth - 1, value_indent)
            if len(body) == 1 and not body[0].startswith("-"):
                lines.append(f"k{i}: {body[0]}")
            else:
                lines += [f"k{i}:", " " * value_indent + body[0]] + body[1:]
    return [lines[0]] + [line if line.startswith(" ") else " " * indent + line for line in lines[1:]]


def test_nesting_bound_holds_on_random_and_mangled_documents() -> None:
    rng = random.Random(13)
    checked = 0
    for _ in range(2000):
        text = "\n".join(_random_block(rng, rng.randint(1, 12), 0)) + "\n"
        variants = [text]
        for _ in range(3):  # mangled: characters dropped, indicators and spaces inserted
            chars = list(text)
            for _ in range(rng.randint(1, 4)):
                at = rng.randrange(len(chars) + 1)
                if rng.random() < 0.4 and at < len(chars):
                    del chars[at]
                else:
                    chars.insert(at, rng.choice(" -:?[]{}\n#&*'\"") * rng.randint(1, 3))
            variants.append("".join(chars))
        for variant in variants:
            try:
                nodes = list(yaml.compose_all(variant, Loader=yaml_source._CLoader))
            except yaml.YAMLError:
                continue
            for node in nodes:
                if node is not None:
                    assert _depth(node) <= _bound(variant), variant
                    checked += 1
    assert checked > 3000


def test_link_check_says_what_outside_root_says(tmp_path: Path) -> None:
    from generator.checks.files import LinkCheck, outside_root

    root, outside = tmp_path / "repo", tmp_path / "elsewhere"
    (root / "parks").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.yml").write_text("a: 1\n")
    (root / "parks" / "plain.yml").write_text("a: 1\n")
    (root / "parks" / "inside.yml").symlink_to(root / "parks" / "plain.yml")
    (root / "parks" / "outside.yml").symlink_to(outside / "secret.yml")
    (root / "parks" / "dangling.yml").symlink_to(root / "nowhere.yml")
    (root / "parks" / "loop.yml").symlink_to(root / "parks" / "loop.yml")
    (root / "linked").symlink_to(outside, target_is_directory=True)
    (root / "back").symlink_to(root / "parks", target_is_directory=True)
    check = LinkCheck(root)
    for folder in ("parks", "linked", "back"):
        for path in sorted((root / folder).iterdir()):
            assert check.outside(path) == outside_root(root, path), path
    assert check.outside(root / "parks" / "outside.yml") is not None


def test_found_in_lists_what_walk_finds_in_walks_order() -> None:
    from generator.catalogue import load_catalogue
    from generator.checks.quality import found_in, walk
    from generator.model.common import Figure, LocalText

    catalogue, _ = load_catalogue(ROOT)
    assert catalogue is not None
    for located in catalogue.origins.values():
        for kinds in ((LocalText,), (LocalText, Figure), (str, LocalText)):  # (str, …): no pruning
            expected = [(path, value) for path, value in walk(located.record) if isinstance(value, kinds)]
            assert found_in(located.record, kinds) == expected


def test_parsing_ahead_in_a_second_process_reads_every_file_as_in_one(tmp_path: Path) -> None:
    """The forked parser of a large portal's later files gives what parsing them here gives, in order."""
    from generator.parse_ahead import parsed_in_order
    from generator.records import KINDS, kind_files, path_of

    broken = tmp_path / "broken.yml"
    broken.write_text("id: x\nname: {zh: a\n", encoding="utf-8")
    files = [(p, path_of(ROOT, p)) for kind in KINDS for p in kind_files(ROOT, kind)] + [(broken, "broken.yml")]
    assert len(files) > 50

    def plain(results: list) -> list:
        return [(None if f is None else (f.path, f.name, f.data, f.positions.marks, f.positions.written), problems)
                for f, problems in results]

    here = plain(list(parsed_in_order(files, parallel_from=len(files) + 1)))
    ahead = plain(list(parsed_in_order(files, parallel_from=0)))
    assert ahead == here
    assert here[-1][0] is None and here[-1][1][0].message == "YAML syntax error"


def test_positions_worked_out_later_are_those_recorded_while_reading() -> None:
    """Positions are found when first asked for (a diagnostic); they must be those of recording them at once."""
    files = sorted(ROOT.glob("parks/*.yml")) + sorted(ROOT.glob("policies/*.yml")) + sorted(ROOT.glob("content/**/*.yml"))
    assert len(files) > 50
    dated = 0
    for path in files:
        loaded, _ = yaml_source.load_yaml(path, path.name)
        assert loaded is not None, path
        text = path.read_text(encoding="utf-8")
        _, walk = yaml_source._convert_document(yaml_source._compose(text)[0], path.name, text, record=True)
        assert loaded.positions.marks == walk.marks, path
        assert loaded.positions.written == walk.written, path
        dated += bool(walk.written)
    assert dated > 10  # dates and numbers were among them


def test_read_cache_reads_again_only_files_that_changed(tmp_path: Path) -> None:
    """portal serve keeps what reading gave: an edit re-reads its file, the others are reused, gone files drop out."""
    import os

    from generator.parse_ahead import ReadCache, parsed_in_order
    from generator.records import validate_record

    files = []
    for n in range(5):
        path = tmp_path / f"p{n}.yml"
        path.write_text(f"id: p{n}\nname: {{zh: 园区{n}}}\n", encoding="utf-8")
        files.append((path, path.name))
    cache = ReadCache()
    first = list(cache.parsed_in_order(files))
    again = list(cache.parsed_in_order(files))
    assert all(a is b for a, b in zip(first, again, strict=True))  # nothing read again

    edited = files[2][0]
    edited.write_text("id: p2\nname: {zh: 改过的名字}\n", encoding="utf-8")
    os.utime(edited, ns=(1, 1))  # even an edit that keeps the old size or sets an old time
    after = list(cache.parsed_in_order(files))
    assert [a is b for a, b in zip(first, after, strict=True)] == [True, True, False, True, True]
    fresh = list(parsed_in_order(files, parallel_from=len(files) + 1))
    assert [(f.data, p) for f, p in after] == [(f.data, p) for f, p in fresh]
    assert after[2][0].data["name"] == {"zh": "改过的名字"}

    from generator.records import KINDS
    park = next(kind for kind in KINDS if kind.name == "park")
    checked = [cache.validated(park, f) for f, _ in after]
    again = [cache.validated(park, f) for f, _ in cache.parsed_in_order(files)]
    assert all(a is b for a, b in zip(checked, again, strict=True))  # unchanged files: not validated again
    assert checked[0] == validate_record(park, after[0][0])

    files[4][0].unlink()  # a deleted file is reported as such, not served from the cache
    gone = list(cache.parsed_in_order(files))
    assert gone[4][0] is None and gone[4][1][0].message == "file cannot be read"
