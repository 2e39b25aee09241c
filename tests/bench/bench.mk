# make bench: see tests/bench/run.sh
