# Package.swift and every import follow the dependency graph drawn in docs/architecture.md.
cd "$(dirname "$0")/../.." && python3 scripts/check-architecture.py
