# Shortcuts for the README's two commands.
.PHONY: run test
run:
	bash packaging/bootstrap.sh run
test:
	bash packaging/bootstrap.sh test
