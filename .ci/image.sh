#!/usr/bin/env bash
# CI for the classroom image (docker/Dockerfile). Self-contained on a fresh Debian 12 machine, run as root:
#
#   bash .ci/image.sh
#
# 1. Installs podman, buildah, runc and debootstrap (skipped when present) and writes a containers.conf for
#    this run only (ulimits the VM allows, runc: crun fails on hybrid cgroups).
# 2. Makes the base image debian:bookworm with debootstrap from this machine's apt mirror (no registry needed),
#    with this machine's extra CA certificates (HTTPS may be re-signed by a local CA). Cached in $WORK.
# 3. Builds the image (podman build -f docker/Dockerfile .), passing GOPROXY/GOSUMDB from this environment.
# 4. Tests it: executes notebooks/00_getting_started.ipynb (or docker/smoke.ipynb if it does not exist yet)
#    inside the image with nbconvert, offline; runs notebooks/06_mnist.ipynb (quick mode) there too and fails if
#    all the container's processes together ever hold 2 GiB or more; starts the server with a volume and checks that
#    /api/kernelspecs lists gonb, that requests without (or with a wrong) token are refused, and that the
#    server runs as a non-root user.
#
# Environment: IMAGE (gogan-classroom:ci), WORK (/var/tmp/gogan-ci: cache), PORT (18888), INSTALL_XLA (auto),
# DEBIAN_MIRROR / DEBIAN_SECURITY_MIRROR (default: from /etc/apt/sources*), GOPROXY / GOSUMDB (default: go env,
# else Go's defaults), NOTEBOOK_NETWORK (none: the notebook runs offline; "bridge" to allow network),
# KEEP_IMAGE (1; 0 removes the image at the end), MEM_NB (06_mnist.ipynb), MEMORY_LIMIT_MIB (2048).
set -euo pipefail
cd "$(dirname "$0")/.."

T0=$(date +%s)
IMAGE=${IMAGE:-gogan-classroom:ci}
WORK=${WORK:-/var/tmp/gogan-ci}
PORT=${PORT:-18888}
INSTALL_XLA=${INSTALL_XLA:-auto}
NOTEBOOK_NETWORK=${NOTEBOOK_NETWORK:-none}
KEEP_IMAGE=${KEEP_IMAGE:-1}
NB_DIR=/home/student/gogan/notebooks
CTR=gogan-ci-$$
VOL=gogan-ci-work-$$

log() { printf '[image.sh %4ds] %s\n' "$(($(date +%s) - T0))" "$*"; }
die() { log "FAIL: $*"; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root"

# ---- 1. Tools ------------------------------------------------------------------------------------------------
missing=()
for c in podman buildah runc debootstrap curl; do command -v "$c" >/dev/null || missing+=("$c"); done
if [ "${#missing[@]}" -gt 0 ]; then
	log "installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq podman buildah runc debootstrap curl ca-certificates >/dev/null
fi
mkdir -p "$WORK"
cat >"$WORK/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=4096:4096"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
export CONTAINERS_CONF=$WORK/containers.conf
log "$(podman --version), $(runc --version | head -n 1)"

# ---- 2. Base image debian:bookworm -----------------------------------------------------------------------------
# This machine's Debian mirrors, from its apt sources (deb822 or one-line format).
apt_uris() {
	{ sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | tr ' ' '\n'
	  awk '$1 == "deb" { print $2 }' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null
	} | grep -E '^https?://' || true
}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-$(apt_uris | grep -E '/debian/?$' | head -n 1)}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
DEBIAN_SECURITY_MIRROR=${DEBIAN_SECURITY_MIRROR:-$(apt_uris | grep -E '/debian-security/?$' | head -n 1)}
DEBIAN_SECURITY_MIRROR=${DEBIAN_SECURITY_MIRROR:-${DEBIAN_MIRROR%/debian*}/debian-security}
# The cache key: mirrors and the extra CA certificates baked into the base.
cas=$(ls /usr/local/share/ca-certificates/*.crt 2>/dev/null || true)
key=$( { echo "$DEBIAN_MIRROR $DEBIAN_SECURITY_MIRROR"; [ -z "$cas" ] || cat $cas; } | sha256sum | cut -c1-16)
t=$(date +%s)
if [ "$(podman image inspect -f '{{index .Labels "gogan.ci.base"}}' docker.io/library/debian:bookworm 2>/dev/null)" = "$key" ]; then
	log "base image debian:bookworm already present"
else
	tarball=$WORK/debian-bookworm-minbase-$key.tar
	if [ ! -s "$tarball" ]; then
		log "debootstrap bookworm from $DEBIAN_MIRROR"
		rootfs=$WORK/rootfs
		rm -rf "$rootfs"
		debootstrap --variant=minbase bookworm "$rootfs" "$DEBIAN_MIRROR" >"$WORK/debootstrap.log" 2>&1 ||
			{ tail -n 20 "$WORK/debootstrap.log"; die "debootstrap failed"; }
		rm -f "$rootfs/etc/apt/sources.list"
		cat >"$rootfs/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $DEBIAN_MIRROR
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $DEBIAN_SECURITY_MIRROR
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
		# This machine's extra CAs: ca-certificates, once the Dockerfile installs it, trusts them too.
		if [ -n "$cas" ]; then
			mkdir -p "$rootfs/usr/local/share/ca-certificates"
			cp $cas "$rootfs/usr/local/share/ca-certificates/"
		fi
		rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/log/* "$rootfs"/tmp/*
		tar --numeric-owner -C "$rootfs" -cf "$tarball.tmp" .
		mv "$tarball.tmp" "$tarball"
		rm -rf "$rootfs"
	fi
	podman import -q --change 'CMD ["bash"]' --change "LABEL gogan.ci.base=$key" "$tarball" debian:bookworm >/dev/null
	podman tag debian:bookworm docker.io/library/debian:bookworm
	log "base image debian:bookworm imported"
fi
T_BASE=$(($(date +%s) - t))

# ---- 3. Build ------------------------------------------------------------------------------------------------
go_env() { command -v go >/dev/null 2>&1 && go env "$1" 2>/dev/null || true; }
GOPROXY=${GOPROXY:-$(go_env GOPROXY)}
GOPROXY=${GOPROXY:-https://proxy.golang.org,direct}
GOSUMDB=${GOSUMDB:-$(go_env GOSUMDB)}
GOSUMDB=${GOSUMDB:-sum.golang.org}
log "building $IMAGE (GOPROXY=$GOPROXY GOSUMDB=$GOSUMDB INSTALL_XLA=$INSTALL_XLA)"
t=$(date +%s)
set +e
podman build -f docker/Dockerfile -t "$IMAGE" \
	--build-arg GOPROXY="$GOPROXY" --build-arg GOSUMDB="$GOSUMDB" --build-arg INSTALL_XLA="$INSTALL_XLA" \
	. 2>&1 | tee "$WORK/build.log" |
	awk '/^\[[0-9]+\/[0-9]+\] STEP [0-9]+\/[0-9]+: (RUN|COPY|FROM)/ { print substr($0, 1, 110); fflush(); next }
	     /^(XLA:|modules:|Error|error)|engine: |MNIST files|cell [0-9]+ failed/ { print "    " $0; fflush() }'
st=${PIPESTATUS[0]}
set -e
[ "$st" -eq 0 ] || { tail -n 40 "$WORK/build.log"; die "podman build failed (log: $WORK/build.log)"; }
T_BUILD=$(($(date +%s) - t))
log "built in ${T_BUILD}s"

# ---- 4. Tests ------------------------------------------------------------------------------------------------
cleanup() {
	podman rm -f -v -t 2 "$CTR" >/dev/null 2>&1 || true
	podman volume rm -f "$VOL" >/dev/null 2>&1 || true
	if [ "$KEEP_IMAGE" = 0 ]; then podman rmi -f "$IMAGE" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

# 4a. Execute a notebook inside the image (offline by default: everything it needs must be in the image).
nb=00_getting_started.ipynb
[ -f "notebooks/$nb" ] || nb=smoke.ipynb
log "executing $nb in the image (network: $NOTEBOOK_NETWORK)"
t=$(date +%s)
podman run --rm --network "$NOTEBOOK_NETWORK" "$IMAGE" bash -c '
	set -e
	nb=$1
	[ -f "$nb" ] || cp /opt/gogan/docker/smoke.ipynb .
	st=0
	jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=900 --output-dir /tmp/out "$nb" \
		>/tmp/nbconvert.log 2>&1 || st=$?
	grep -v -e "^[IW][0-9]\{4\} " -e "lexer unavailable" -e "Native kernel" /tmp/nbconvert.log || true
	[ "$st" -eq 0 ] || { echo "nbconvert exited with status $st"; exit 1; }
	python3 /opt/gogan/docker/nbcheck.py /tmp/out/"$nb"
' nbtest "$nb" || die "notebook $nb failed inside the image"
T_NB=$(($(date +%s) - t))
log "notebook ran in ${T_NB}s"

# 4a'. A student's heaviest notebook (MNIST, quick mode) inside the image, offline, with the memory of every process
# in the container (Jupyter, the GoNB kernel, go build of each cell, the cell's program) summed every 0.2 s. The
# classroom promise: under 2 GiB (MEMORY_LIMIT_MIB). Its first image must also come within 30 s of its first cell.
MEM_NB=${MEM_NB:-06_mnist.ipynb}
MEMORY_LIMIT_MIB=${MEMORY_LIMIT_MIB:-2048}
if [ -f "notebooks/$MEM_NB" ]; then
	log "executing $MEM_NB in the image, measuring the container's memory"
	t=$(date +%s)
	mem=$(podman run --rm --network "$NOTEBOOK_NETWORK" -e GOGAN_QUICK=1 "$IMAGE" bash -c '
		set -e
		rss() { cat /proc/[0-9]*/status 2>/dev/null | awk "/^VmRSS:/ { s += \$2; if (\$2 > m) m = \$2 } END { print s + 0, m + 0 }"; }
		jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=900 --output-dir /tmp/out "$1" \
			>/tmp/nbconvert.log 2>&1 &
		pid=$! peak=0 peak1=0
		while kill -0 "$pid" 2>/dev/null; do
			read -r s m < <(rss)
			[ "$s" -gt "$peak" ] && peak=$s
			[ "$m" -gt "$peak1" ] && peak1=$m
			sleep 0.2
		done
		st=0; wait "$pid" || st=$?
		[ "$st" -eq 0 ] || { grep -v "^[IW][0-9]\{4\} " /tmp/nbconvert.log | tail -20 >&2; echo "nbconvert exited with status $st" >&2; exit 1; }
		python3 /opt/gogan/docker/nbcheck.py --first-image-within 30 /tmp/out/"$1" >&2
		echo "$((peak / 1024)) $((peak1 / 1024))"
	' memtest "$MEM_NB") || die "notebook $MEM_NB failed inside the image"
	read -r MEM_PEAK MEM_PEAK1 <<<"$mem"
	log "$MEM_NB ran in $(($(date +%s) - t))s; peak memory of all its processes together ${MEM_PEAK} MiB (largest single process ${MEM_PEAK1} MiB), limit ${MEMORY_LIMIT_MIB} MiB"
	[ "$MEM_PEAK" -lt "$MEMORY_LIMIT_MIB" ] || die "notebook $MEM_NB used ${MEM_PEAK} MiB in the image, over the classroom's ${MEMORY_LIMIT_MIB} MiB"
fi

# 4b. The server: volume, token, kernelspecs, non-root.
TOKEN=ci-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
URL=http://127.0.0.1:$PORT
log "starting the server on $URL"
podman run -d --name "$CTR" -p "127.0.0.1:$PORT:8888" -e JUPYTER_TOKEN="$TOKEN" -v "$VOL:$NB_DIR" "$IMAGE" >/dev/null
ok=0
for _ in $(seq 1 60); do
	if [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: token $TOKEN" "$URL/api/status")" = 200 ]; then
		ok=1
		break
	fi
	sleep 1
done
[ "$ok" = 1 ] || { podman logs "$CTR" 2>&1 | tail -n 30; die "server did not answer on $URL"; }

specs=$(curl -s -H "Authorization: token $TOKEN" "$URL/api/kernelspecs")
echo "$specs" | grep -q '"gonb"' || die "/api/kernelspecs does not list gonb: $specs"
log "ok: /api/kernelspecs lists gonb"

code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/kernelspecs")
case "$code" in 401 | 403) log "ok: /api/kernelspecs without the token refused ($code)" ;; *) die "/api/kernelspecs without the token gave $code" ;; esac
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: token wrong-$TOKEN" "$URL/api/kernelspecs")
case "$code" in 401 | 403) log "ok: a wrong token refused ($code)" ;; *) die "/api/kernelspecs with a wrong token gave $code" ;; esac
code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/tree")
case "$code" in 200) die "/tree without the token gave 200" ;; *) log "ok: /tree without the token not served ($code)" ;; esac

# Every process of the container, and the server's in particular, runs as a non-root user.
procs=$(podman top "$CTR" huser user args)
echo "$procs" | sed 's/^/    /'
echo "$procs" | grep -q 'jupyter' || die "no jupyter process in the container"
if echo "$procs" | awk 'NR > 1 && ($1 == "root" || $1 == "0" || $2 == "root" || $2 == "0")' | grep -q .; then
	die "a process of the container runs as root"
fi
pid=$(podman inspect -f '{{.State.Pid}}' "$CTR")
uid=$(awk '/^Uid:/ { print $2 }' "/proc/$pid/status")
[ "$uid" != 0 ] || die "the container's main process has uid 0 on the host"
log "ok: the server runs as $(podman exec "$CTR" id -un) (uid $(podman exec "$CTR" id -u); host uid $uid)"

# The volume got the course notebooks, and the student can write in it.
podman exec "$CTR" sh -c "touch $NB_DIR/.ci-write-test && rm $NB_DIR/.ci-write-test" || die "the volume is not writable"
n=$(podman exec "$CTR" sh -c "ls $NB_DIR/*.ipynb 2>/dev/null | wc -l")
m=$(ls notebooks/*.ipynb 2>/dev/null | wc -l)
[ "$n" -ge "$m" ] || die "the volume holds $n notebooks, the repository $m"
log "ok: the volume holds $n notebooks and is writable"

podman exec "$CTR" sh -c 'ls /usr/local/lib/go-xla' | grep -q . && engine="XLA plugin installed" || engine="pure Go (no XLA plugin)"

# ---- Summary -------------------------------------------------------------------------------------------------
size=$(podman image inspect -f '{{.Size}}' "$IMAGE")
log "PASS"
echo "  base image:      ${T_BASE}s"
echo "  image build:     ${T_BUILD}s"
echo "  notebook ($nb): ${T_NB}s"
echo "  total:           $(($(date +%s) - T0))s"
echo "  image $IMAGE: $((size / 1000000)) MB; engine: $engine"
