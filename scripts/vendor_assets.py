#!/usr/bin/env python3
"""Copy the front-end assets installed by npm into matchmaker/static/vendor/.

Pure standard library; run it after `npm ci` (``make setup`` does both).

Resulting layout (flat, so that bootstrap-icons finds ``fonts/`` beside its CSS):

    matchmaker/static/vendor/
        bootstrap.min.css            (+ bootstrap.min.css.map)
        bootstrap.bundle.min.js      (+ bootstrap.bundle.min.js.map)
        bootstrap-icons.min.css
        fonts/bootstrap-icons.woff2
        fonts/bootstrap-icons.woff
        htmx.min.js
        echarts.min.js
        VERSIONS.txt                 (package versions that were copied)

The vendor directory is generated (and gitignored): it is rebuilt from scratch
on every run, so running the script twice gives the same result.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "matchmaker" / "static" / "vendor"

# (npm package, path inside the package, required?)
FILES: list[tuple[str, str, bool]] = [
    ("bootstrap", "dist/css/bootstrap.min.css", True),
    ("bootstrap", "dist/css/bootstrap.min.css.map", False),
    ("bootstrap", "dist/js/bootstrap.bundle.min.js", True),
    ("bootstrap", "dist/js/bootstrap.bundle.min.js.map", False),
    ("bootstrap-icons", "font/bootstrap-icons.min.css", True),
    ("htmx.org", "dist/htmx.min.js", True),
    ("echarts", "dist/echarts.min.js", True),
]

# (npm package, directory inside the package, name inside vendor/)
DIRS: list[tuple[str, str, str]] = [
    # bootstrap-icons.min.css refers to url("fonts/bootstrap-icons.woff2?...")
    ("bootstrap-icons", "font/fonts", "fonts"),
]


def fail(message: str) -> NoReturn:
    print(f"vendor_assets: error: {message}", file=sys.stderr)
    sys.exit(1)


def package_version(package: str) -> str:
    manifest = NODE_MODULES / package / "package.json"
    if not manifest.is_file():
        fail(
            f"{manifest.relative_to(ROOT)} is missing: the npm package "
            f"'{package}' is not installed. Run `npm ci` (or `make setup`) first."
        )
    return json.loads(manifest.read_text(encoding="utf-8"))["version"]


def main() -> int:
    if not NODE_MODULES.is_dir():
        fail(
            f"{NODE_MODULES} does not exist. Run `npm ci` in {ROOT} "
            "(or `make setup`) before vendoring the assets."
        )

    packages = sorted({p for p, _, _ in FILES} | {p for p, _, _ in DIRS})
    versions = {p: package_version(p) for p in packages}

    # Build into a staging directory next to the target, then swap it in, so a
    # failure half-way never leaves a half-populated vendor/ behind.
    staging = VENDOR.with_name(VENDOR.name + ".tmp")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)

    try:
        for package, rel, required in FILES:
            src = NODE_MODULES / package / rel
            if not src.is_file():
                if required:
                    fail(f"{src.relative_to(ROOT)} not found (package {package} {versions[package]})")
                continue
            shutil.copy2(src, staging / src.name)
            print(f"  {package}@{versions[package]}: {rel} -> {src.name}")

        for package, rel, name in DIRS:
            src = NODE_MODULES / package / rel
            if not src.is_dir():
                fail(f"{src.relative_to(ROOT)}/ not found (package {package} {versions[package]})")
            shutil.copytree(src, staging / name)
            print(f"  {package}@{versions[package]}: {rel}/ -> {name}/")

        (staging / "VERSIONS.txt").write_text(
            "".join(f"{p}=={v}\n" for p, v in versions.items()), encoding="utf-8"
        )
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise

    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    staging.rename(VENDOR)
    print(f"vendor_assets: wrote {VENDOR.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
