#!/bin/sh
# Entry point of the GoGAN classroom image (runs as the non-root user "student").
#
# 1. Copies the course notebooks from /opt/gogan/notebooks into the student's notebooks folder (the volume),
#    but only those that are missing: the student's own edits are never overwritten.
# 2. With no arguments, starts Jupyter on port 8888 with token authentication (a random token, printed in
#    the log, or the one in JUPYTER_TOKEN). With arguments, runs them instead, from the notebooks folder.
set -eu

NB_DIR=${GOGAN_NOTEBOOKS:-/home/student/gogan/notebooks}

if ! [ -d "$NB_DIR" ] || ! [ -w "$NB_DIR" ]; then
	echo "gogan: $NB_DIR is not a folder that user $(id -un) (uid $(id -u)) can write." >&2
	echo "gogan: use a named volume (-v gogan-work:$NB_DIR), or a host folder owned by uid $(id -u)" \
		"(with rootless podman add --userns=keep-id)." >&2
	exit 1
fi
if [ -d /opt/gogan/notebooks ]; then
	cp -R -n /opt/gogan/notebooks/. "$NB_DIR"/ || echo "gogan: could not copy every notebook into $NB_DIR" >&2
fi
cd "$NB_DIR"

if [ "$#" -gt 0 ]; then
	exec "$@"
fi

# An empty JUPYTER_TOKEN would not switch authentication off (Jupyter then makes a random token), but say so.
if [ -n "${JUPYTER_TOKEN+set}" ] && [ -z "$JUPYTER_TOKEN" ]; then
	unset JUPYTER_TOKEN
	echo "gogan: JUPYTER_TOKEN is empty, so Jupyter makes a random token; find it in the log below." >&2
fi
case "${GOGAN_JUPYTER:-notebook}" in
lab) exec jupyter lab --ip=0.0.0.0 --port=8888 --no-browser ;;
*) exec jupyter notebook --ip=0.0.0.0 --port=8888 --no-browser ;;
esac
