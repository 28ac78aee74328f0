#!/usr/bin/env bash
# Executes the GoNB notebooks headlessly and fails if any cell fails.
#
#   bash .ci/notebooks.sh                     # every notebooks/[0-9]*.ipynb
#   bash .ci/notebooks.sh notebooks/00_*.ipynb  # only these
#   bash .ci/notebooks.sh --selftest          # prove that the check catches a panicking cell
#   bash .ci/notebooks.sh --update NB.ipynb... # run NB in full (no quick mode, your GOMLX_BACKEND) and, if every
#                                             # cell passes, save its outputs into NB: for committing notebooks
#
# Steps (installs are skipped when already done, so the script is safe to rerun):
#   1. Jupyter from Debian packages (apt-get; no PyPI).
#   2. GoNB and goimports into $(go env GOPATH)/bin, from the Go module proxy.
#   3. A private GoNB kernel spec in $NB_WORK/jupyter (text errors, no gopls needed).
#   4. nbconvert --execute of each notebook into $NB_OUT (the committed notebooks are never touched).
#   5. .ci/nbcheck.py on each executed copy: GoNB reports a panic, os.Exit(N) or a failing %test as
#      success to Jupyter, so nbconvert alone would exit 0. It also fails a notebook whose first image comes more
#      than $NB_FIRST_IMAGE_S seconds after its first cell started (the classroom's "first picture" promise).
#   6. An HTML export of each executed notebook into $NB_OUT/html.
#
# Environment:
#   NB_OUT      output folder (default /tmp/gogan-notebooks)
#   NB_WORK     kernel spec, Jupyter runtime files (default /tmp/gogan-nbwork)
#   NB_TIMEOUT  seconds per cell (default 900)
#   NB_FIRST_IMAGE_S  the most seconds from a notebook's first cell to its first image (default 30)
# The notebooks run with GOMLX_BACKEND=go (unless already set) and GOGAN_QUICK=1 (short training), except with
# --update.
set -euo pipefail

GONB_VERSION=v0.11.1
GOIMPORTS_VERSION=v0.52.0
APT_PACKAGES=(jupyter-nbconvert python3-nbclient jupyter-client)
# Debian's HTML templates link MathJax and RequireJS as file:///usr/share/javascript/...; published pages need URLs.
MATHJAX_URL='https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/MathJax.js?config=TeX-AMS_CHTML-full,Safe'
REQUIREJS_URL='https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js'

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NB_OUT=${NB_OUT:-/tmp/gogan-notebooks}
NB_WORK=${NB_WORK:-/tmp/gogan-nbwork}
NB_TIMEOUT=${NB_TIMEOUT:-900}
NB_FIRST_IMAGE_S=${NB_FIRST_IMAGE_S:-30}
NBCONVERT_ARGS=(--ExecutePreprocessor.record_timing=True)
NBCHECK_ARGS=(--first-image-within "$NB_FIRST_IMAGE_S")

log() { printf 'notebooks: %s\n' "$*"; }
die() { printf 'notebooks: ERROR: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# ---------------------------------------------------------------------------------------------------------------------
# Installs.

install_jupyter() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then return; fi
  log "installing ${missing[*]} with apt-get"
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || die "need root (or sudo) to apt-get install ${missing[*]}"
    sudo=(sudo)
  fi
  { "${sudo[@]}" apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
    >>"$NB_WORK/install.log" 2>&1 || { tail -n 20 "$NB_WORK/install.log" >&2; die "apt-get install failed"; }
}

# module_version BINARY MODULE prints the version of MODULE that BINARY was built from, or nothing.
module_version() {
  [[ -x $1 ]] || return 0
  go version -m "$1" 2>/dev/null | awk -v m="$2" '($1 == "mod" || $1 == "dep") && $2 == m { print $3; exit }'
}

install_go_tools() {
  if [[ $(module_version "$GOBIN_DIR/gonb" github.com/janpfeifer/gonb) != "$GONB_VERSION" ]]; then
    log "installing gonb $GONB_VERSION"
    # `go install github.com/janpfeifer/gonb@v0.11.1` fails ("loading deprecation ... 403"); a throw-away module
    # that declares gonb as a tool installs the same binary.
    local t
    t=$(mktemp -d)
    (cd "$t" && go mod init gonbtools && go get -tool "github.com/janpfeifer/gonb@$GONB_VERSION" \
      && GOBIN=$GOBIN_DIR go install tool) >>"$NB_WORK/install.log" 2>&1 \
      || { rm -rf "$t"; tail -n 20 "$NB_WORK/install.log" >&2; die "could not install gonb $GONB_VERSION"; }
    rm -rf "$t"
  fi
  if [[ $(module_version "$GOBIN_DIR/goimports" golang.org/x/tools) != "$GOIMPORTS_VERSION" ]]; then
    log "installing goimports $GOIMPORTS_VERSION"
    GOBIN=$GOBIN_DIR go install "golang.org/x/tools/cmd/goimports@$GOIMPORTS_VERSION" >>"$NB_WORK/install.log" 2>&1 \
      || { tail -n 20 "$NB_WORK/install.log" >&2; die "could not install goimports $GOIMPORTS_VERSION"; }
  fi
}

install_kernel() {
  # --force_deps: don't require gopls (autocomplete only); --raw_error: compile errors as plain text.
  mkdir -p "$JUPYTER_DATA_DIR"
  gonb --install --force_deps --raw_error >"$NB_WORK/gonb-install.log" 2>&1 \
    || { cat "$NB_WORK/gonb-install.log" >&2; die "gonb --install failed"; }
  [[ -f $JUPYTER_DATA_DIR/kernels/gonb/kernel.json ]] || die "no kernel spec in $JUPYTER_DATA_DIR/kernels/gonb"
}

# setup MODE installs what is missing and sets up the environment the kernel inherits. MODE "ci" also exports
# GOMLX_BACKEND=go (unless set) and GOGAN_QUICK=1.
setup() {
  local mode=$1 t0
  t0=$(now)
  command -v go >/dev/null || export PATH=/usr/local/go/bin:$PATH
  command -v go >/dev/null || die "go is not on PATH"
  export GOTOOLCHAIN=local # GoNB runs `go` for every cell; never let it fetch another toolchain.
  GOBIN_DIR=$(go env GOBIN)
  GOBIN_DIR=${GOBIN_DIR:-$(go env GOPATH)/bin}
  export PATH=$GOBIN_DIR:$PATH # the kernel inherits this: it needs go and goimports
  mkdir -p "$NB_WORK" "$NB_OUT"
  NB_WORK=$(cd "$NB_WORK" && pwd)
  NB_OUT=$(cd "$NB_OUT" && pwd)
  export JUPYTER_DATA_DIR=$NB_WORK/jupyter JUPYTER_RUNTIME_DIR=$NB_WORK/runtime JUPYTER_CONFIG_DIR=$NB_WORK/config
  # GoNB keeps each kernel's Go program in $TMPDIR/gonb_*; a kernel killed at a timeout leaves its folder behind.
  rm -rf "$NB_WORK/tmp"
  mkdir -p "$NB_WORK/tmp"
  export TMPDIR=$NB_WORK/tmp
  install_jupyter
  install_go_tools
  install_kernel
  if [[ $mode == ci ]]; then
    export GOMLX_BACKEND=${GOMLX_BACKEND:-go} GOGAN_QUICK=1
  fi
  log "setup done in $(since "$t0") s (gonb $GONB_VERSION, $(go version | cut -d' ' -f3)," \
    "GOMLX_BACKEND=${GOMLX_BACKEND:-unset}, GOGAN_QUICK=${GOGAN_QUICK:-unset})"
}

# ---------------------------------------------------------------------------------------------------------------------
# Running one notebook.

# execute NOTEBOOK OUTDIR runs NOTEBOOK into OUTDIR/<name>.ipynb, then nbcheck.py on it; the log goes to
# OUTDIR/logs/<name>.log. It returns 0 if every cell ran cleanly. It sets STAGE to the step that failed.
execute() {
  local nb=$1 out=$2 name
  name=$(basename "$nb" .ipynb)
  mkdir -p "$out/logs"
  rm -f "$out/$name.ipynb"
  STAGE=ok
  # --allow-errors: keep going after a failing cell, so the executed copy is always written and nbcheck names every
  # failing cell. A timeout still stops the notebook. The kernel runs in the notebook's own folder ($GONB_DIR).
  if ! jupyter nbconvert --to notebook --execute --allow-errors \
    --ExecutePreprocessor.kernel_name=gonb --ExecutePreprocessor.timeout="$NB_TIMEOUT" "${NBCONVERT_ARGS[@]}" \
    --output-dir "$out" --output "$name" "$nb" >"$out/logs/$name.log" 2>&1; then
    STAGE=nbconvert
  fi
  if [[ ! -f $out/$name.ipynb ]]; then
    STAGE=nbconvert
    return 1
  fi
  python3 "$ROOT/.ci/nbcheck.py" "${NBCHECK_ARGS[@]}" "$out/$name.ipynb" >>"$out/logs/$name.log" 2>&1 || STAGE=nbcheck
  [[ $STAGE == ok ]]
}

# show_log NAME OUTDIR prints why a notebook failed: nbcheck's report if it got that far, otherwise the end of the
# log without klog lines and known noise.
show_log() {
  local log=$2/logs/$1.log
  if [[ $STAGE == nbcheck ]] && grep -q "^$2/$1.ipynb: " "$log"; then
    grep "^$2/$1.ipynb: " "$log" | sed 's/^/    | /'
    return
  fi
  awk '/^[IWE][0-9][0-9][0-9][0-9] / { next }
       /^Program gopls is not installed/ { skip = 2; next }
       skip > 0 { if ($0 ~ /^```/) skip--; next }
       /Native kernel \(python3\) is not available|Could not parse Jupyter KernelId|lexer unavailable/ { next }
       { print "    | " $0 }' "$log" | tail -n 30 || true
}

export_html() {
  # GoNB's language_info has an empty pygments_lexer, so without default_language the Go code is coloured as Python
  # (a deprecation warning in the log is the price).
  jupyter nbconvert --to html --output-dir "$NB_OUT/html" --Highlight2HTML.default_language=go \
    --HTMLExporter.mathjax_url="$MATHJAX_URL" --HTMLExporter.require_js_url="$REQUIREJS_URL" \
    "$1" >>"$NB_OUT/logs/$(basename "$1" .ipynb).log" 2>&1
}

run_all() {
  local notebooks=("$@") nb name t0 failed=() total=0 start
  if ((${#notebooks[@]} == 0)); then
    shopt -s nullglob
    notebooks=("$ROOT"/notebooks/[0-9]*.ipynb)
    shopt -u nullglob
    ((${#notebooks[@]} > 0)) || die "no notebooks in $ROOT/notebooks"
  fi
  for nb in "${notebooks[@]}"; do
    [[ -f $nb ]] || die "no such notebook: $nb"
  done
  setup ci
  start=$(now)
  for nb in "${notebooks[@]}"; do
    name=$(basename "$nb" .ipynb)
    t0=$(now)
    if execute "$nb" "$NB_OUT"; then
      if export_html "$NB_OUT/$name.ipynb"; then
        printf 'ok    %-40s %7s s  (%s)\n' "$name" "$(since "$t0")" \
          "$(grep -o -m1 -e 'first image (cell [0-9]*) [0-9.]* s' -e 'shows no image' "$NB_OUT/logs/$name.log" || echo '?')"
      else
        printf 'FAIL  %-40s %7s s  (HTML export)\n' "$name" "$(since "$t0")"
        failed+=("$name")
      fi
    else
      printf 'FAIL  %-40s %7s s  (%s; log: %s)\n' "$name" "$(since "$t0")" "$STAGE" "$NB_OUT/logs/$name.log"
      show_log "$name" "$NB_OUT"
      failed+=("$name")
    fi
    total=$((total + 1))
  done
  if ((${#failed[@]} > 0)); then
    printf 'notebooks: %d of %d FAILED (%s) in %s s; executed copies in %s\n' \
      "${#failed[@]}" "$total" "${failed[*]}" "$(since "$start")" "$NB_OUT"
    return 1
  fi
  printf 'notebooks: all %d passed in %s s; executed copies in %s, HTML in %s/html\n' \
    "$total" "$(since "$start")" "$NB_OUT" "$NB_OUT"
}

# ---------------------------------------------------------------------------------------------------------------------
# Self-test: the check must pass .ci/testdata/nb_ok*.ipynb and fail every other .ci/testdata/nb_*.ipynb, and it must
# flag exactly the cells tagged "nbcheck:expect-fail" (see nbcheck.py --expect).

selftest() {
  local out=$NB_OUT/selftest nb name t0 bad=0 n=0 start
  python3 "$ROOT/.ci/nbcheck.py" --selftest || die "nbcheck.py --selftest failed"
  setup ci
  start=$(now)
  for nb in "$ROOT"/.ci/testdata/nb_*.ipynb; do
    name=$(basename "$nb" .ipynb)
    t0=$(now)
    n=$((n + 1))
    if execute "$nb" "$out"; then
      if [[ $name == nb_ok* ]]; then
        printf 'ok    %-40s %7s s  (passes, as expected)\n' "$name" "$(since "$t0")"
      else
        printf 'FAIL  %-40s %7s s  (passed the check, but it must fail)\n' "$name" "$(since "$t0")"
        bad=1
      fi
      continue
    fi
    if [[ $name == nb_ok* ]]; then
      printf 'FAIL  %-40s %7s s  (%s failed, but it must pass)\n' "$name" "$(since "$t0")" "$STAGE"
      show_log "$name" "$out"
      bad=1
    elif [[ ! -f $out/$name.ipynb ]]; then
      printf 'FAIL  %-40s %7s s  (no executed copy; cannot check which cells failed)\n' "$name" "$(since "$t0")"
      show_log "$name" "$out"
      bad=1
    elif ! python3 "$ROOT/.ci/nbcheck.py" --expect "$out/$name.ipynb" >>"$out/logs/$name.log" 2>&1; then
      printf 'FAIL  %-40s %7s s  (failed, but not in exactly the expect-fail cells)\n' "$name" "$(since "$t0")"
      show_log "$name" "$out"
      bad=1
    else
      printf 'ok    %-40s %7s s  (fails, as expected, caught by %s)\n' "$name" "$(since "$t0")" "$STAGE"
    fi
  done
  ((n >= 2)) || die "no test notebooks in $ROOT/.ci/testdata"
  if ((bad)); then
    printf 'notebooks selftest: FAILED in %s s; logs in %s/logs\n' "$(since "$start")" "$out"
    return 1
  fi
  printf 'notebooks selftest: all %d passed in %s s\n' "$n" "$(since "$start")"
}

# ---------------------------------------------------------------------------------------------------------------------
# Update: execute notebooks as a student would (full length, engine chosen by engine.Choose unless GOMLX_BACKEND is
# set) and write the outputs into the notebook files themselves, but only if every cell passed.

update() {
  local nb name t0 bad=0
  (($# > 0)) || die "--update needs the notebooks to update"
  for nb; do [[ -f $nb ]] || die "no such notebook: $nb"; done
  setup update
  NBCONVERT_ARGS=(--ExecutePreprocessor.record_timing=False) # no per-cell timestamps: smaller diffs
  NBCHECK_ARGS=()
  for nb; do
    name=$(basename "$nb" .ipynb)
    t0=$(now)
    if execute "$nb" "$NB_OUT/update"; then
      cp "$NB_OUT/update/$name.ipynb" "$nb"
      printf 'ok    %-40s %7s s  (outputs saved into %s)\n' "$name" "$(since "$t0")" "$nb"
    else
      printf 'FAIL  %-40s %7s s  (%s; %s left unchanged)\n' "$name" "$(since "$t0")" "$STAGE" "$nb"
      show_log "$name" "$NB_OUT/update"
      bad=1
    fi
  done
  return $bad
}

if [[ ${1:-} == --update ]]; then
  shift
  update "$@"
elif [[ ${1:-} == --selftest ]]; then
  (($# == 1)) || die "--selftest takes no other arguments"
  selftest
elif [[ ${1:-} == -h || ${1:-} == --help ]]; then
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
else
  run_all "$@"
fi
