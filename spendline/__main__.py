import sys

from spendline.cli import main

sys.exit(main())
