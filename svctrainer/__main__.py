from svctrainer.cli import main

raise SystemExit(main())
