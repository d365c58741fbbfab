import sys

if sys.argv[1:2] == ["import"]:
    # The parse worker's interpreter starts now and loads its readers while this process
    # loads its own (about half a second each, side by side on two cores).
    from loaders import worker

    worker.warm()

from spendline.cli import main

sys.exit(main())
