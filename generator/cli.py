"""The `portal` command: validate, build, serve, schema."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .diagnostics import print_diagnostics


def cmd_validate(args: argparse.Namespace) -> int:
    from .catalogue import load_catalogue
    from .checks.quality import translation_coverage

    catalogue, diagnostics = load_catalogue(Path(args.path))
    status = print_diagnostics(diagnostics, args.strict)
    if catalogue is not None:
        done, total = translation_coverage(catalogue)
        print(f"{len(catalogue.districts)} districts, {len(catalogue.parks)} parks, {len(catalogue.industries)} industries, "
              f"{len(catalogue.policies)} policies, {len(catalogue.costs)} cost sheets, {len(catalogue.pages)} pages; "
              f"English translation coverage {done}/{total} ({100 * done / max(total, 1):.1f}%)")
    return status


def cmd_schema(args: argparse.Namespace) -> int:
    from .readme_reference import update_readme
    from .schema import write_schemas

    root = Path(args.path)
    for path in write_schemas(root):
        print(f"wrote {path}")
    if update_readme(root):
        print(f"updated field reference in {root / 'README.md'}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .site_build import build_site

    return build_site(Path(args.path), Path(args.out) if args.out else None, strict=args.strict)


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(Path(args.path), port=args.port)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="portal", description="Investor portal generator")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check every data file and report all problems")
    p.add_argument("path", nargs="?", default=".")
    p.add_argument("--strict", action="store_true", help="warnings fail too")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("schema", help="regenerate schema/*.json and the README field reference")
    p.add_argument("path", nargs="?", default=".")
    p.set_defaults(func=cmd_schema)
    p = sub.add_parser("build", help="build the portal into site/")
    p.add_argument("path", nargs="?", default=".")
    p.add_argument("--out", help="output folder (default: <path>/site)")
    p.add_argument("--strict", action="store_true", help="warnings fail too")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("serve", help="live preview: rebuilds when data changes")
    p.add_argument("path", nargs="?", default=".")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
