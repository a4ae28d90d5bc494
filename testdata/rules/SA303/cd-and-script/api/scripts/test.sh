#!/usr/bin/env bash
set -euo pipefail
coverage run -m pytest tests "$@"
coverage report
