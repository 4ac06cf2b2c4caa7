"""The fast loader (libyaml events, our composer) reads every data file exactly as the pure-Python one."""
from __future__ import annotations

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
