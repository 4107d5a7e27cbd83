import sys

from mixplan.cli import main

sys.exit(main())
