#!/usr/bin/env python
import sys

from django.core.management import execute_from_command_line

if __name__ == "__main__":
    execute_from_command_line([sys.argv[0], "test"] + sys.argv[1:])
