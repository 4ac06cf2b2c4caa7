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
    status = print_diagnostics(diagnostics, args.strict, args.format)
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

    return build_site(Path(args.path), Path(args.out) if args.out else None, strict=args.strict,
                      incremental=args.incremental, timings=args.timings)


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(Path(args.path), port=args.port)


def cmd_diff(args: argparse.Namespace) -> int:
    from .diff import GitError, portal_diff, render

    try:
        result = portal_diff(Path(args.path), args.base, args.head)
    except GitError as exc:
        print(f"portal diff: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(render(result, args.format))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, new_record

    try:
        path = new_record(Path(args.path), args.kind, args.id)
    except ScaffoldError as exc:
        print(f"portal new: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {path}: replace every TODO, then run .venv/bin/portal validate", file=sys.stderr)
    return 0


def cmd_ids(args: argparse.Namespace) -> int:
    from .scaffold import ids_report

    sys.stdout.write(ids_report(Path(args.path)))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="portal", description="Investor portal generator")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check every data file and report all problems")
    p.add_argument("path", nargs="?", default=".")
    p.add_argument("--strict", action="store_true", help="warnings fail too")
    p.add_argument("--format", choices=("text", "github"), default="text",
                   help="github: also print GitHub Actions annotations (file and line in the pull request)")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("schema", help="regenerate schema/*.json and the README field reference")
    p.add_argument("path", nargs="?", default=".")
    p.set_defaults(func=cmd_schema)
    p = sub.add_parser("build", help="build the portal into site/")
    p.add_argument("path", nargs="?", default=".")
    p.add_argument("--out", help="output folder (default: <path>/site)")
    p.add_argument("--strict", action="store_true", help="warnings fail too")
    p.add_argument("--incremental", action="store_true",
                   help="re-render only the pages the changes affect (keeps the last build in <path>/.build/); "
                        "the site is the same as a full build's")
    p.add_argument("--timings", action="store_true", help="print how long each step took (large portals)")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("serve", help="live preview: rebuilds when data changes")
    p.add_argument("path", nargs="?", default=".")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("diff", help="what changed in the data between two git revisions, for reviewers")
    p.add_argument("base", help="git revision to compare from, e.g. origin/main")
    p.add_argument("head", nargs="?", default="HEAD", help="git revision to compare to (default: HEAD)")
    p.add_argument("--path", default=".", help="the portal's folder inside the git repository (default: .)")
    p.add_argument("--format", choices=("markdown", "text"), default="markdown")
    p.set_defaults(func=cmd_diff)
    p = sub.add_parser("new", help="write a commented starting file for a new record")
    p.add_argument("kind", choices=("park", "policy", "district", "industry"))
    p.add_argument("id", help="the new record's id (also its file name): lower-case letters, digits, hyphens")
    p.add_argument("path", nargs="?", default=".")
    p.set_defaults(func=cmd_new)
    p = sub.add_parser("ids", help="list the valid district, industry, desk and park ids and the units")
    p.add_argument("path", nargs="?", default=".")
    p.set_defaults(func=cmd_ids)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
