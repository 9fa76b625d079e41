#!/usr/bin/python3
"""The scikit-learn peer for `npm run bench:reliability`.

The recipe most open-source fake-news detectors use, on `title + "\\n\\n" + text`:
TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
+ LogisticRegression(C=10, solver='liblinear').

The splits are not made here: bench/reliability.js computes them with Credence's own code and writes
them to a JSON file (dataset paths, row ids, labels, near-duplicate groups, folds), so both sides fit
and score exactly the same rows. Run with Debian's interpreter (/usr/bin/python3, python3-sklearn).

    /usr/bin/python3 bench/peer_sklearn.py SPLITS.json            # serve: one JSON command a line on stdin
    /usr/bin/python3 bench/peer_sklearn.py SPLITS.json --all      # every cell, one JSON result a line
    /usr/bin/python3 bench/peer_sklearn.py SPLITS.json --fit-all  # one fit on every row: time and peak memory

Commands (serve mode): {"cmd": "cell", "name": CELL} -> result; {"cmd": "quit"} -> {"maxRssKb": ...}.
A cell result: fit and predict seconds (fit_transform + fit; transform + predict_proba), P(unreliable)
for every test row in the split file's order, and the same for each artefact-probe variant.
Everything but results goes to stderr; stdout carries one JSON object a line.
"""
import gzip
import json
import platform
import resource
import sys
import time


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def max_rss_kb():
    # Linux reports ru_maxrss in kilobytes (macOS in bytes; the bench runs on Linux).
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


try:
    import numpy
    import scipy
    import sklearn
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
except Exception as e:  # noqa: BLE001 - any import failure means "no peer"
    emit({"error": "scikit-learn is not importable with %s: %s" % (sys.executable, e)})
    sys.exit(3)


def make_model():
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    classifier = LogisticRegression(C=10, solver="liblinear", random_state=0)
    return vectorizer, classifier


def load(splits_path):
    with open(splits_path, encoding="utf-8") as f:
        splits = json.load(f)
    sets = {}
    for ds in splits["datasets"]:
        raw = {}
        with gzip.open(ds["path"], "rt", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    o = json.loads(line)
                    raw[str(o["id"])] = o
        rows = []
        for i, row_id in enumerate(ds["ids"]):
            o = raw.get(row_id)
            if o is None:
                raise SystemExit("peer: %s has no row with id %r (the split file and the dataset disagree)" % (ds["path"], row_id))
            y = ds["y"][i]
            if (o.get("label") == "unreliable") != (y == 1):
                print("peer: warning: %s row %r: label %r but the split file says %d" % (ds["name"], row_id, o.get("label"), y), file=sys.stderr)
            rows.append({"title": o.get("title") or "", "text": o.get("text") or "", "y": y})
        sets[ds["name"]] = rows
    return splits, sets


def text_of(row, prefix="", suffix=""):
    return row["title"] + "\n\n" + prefix + row["text"] + suffix


def cell_rows(cell, sets):
    """Training and test rows of a cell, by the row indices the split file lists, in its order."""
    train = [sets[name][i] for name, indices in cell["train"] for i in indices]
    test = [sets[cell["test"][0]][i] for i in cell["test"][1]] if cell.get("test") else []
    return train, test


def fit(train):
    texts = [text_of(r) for r in train]
    y = numpy.array([r["y"] for r in train])
    vectorizer, classifier = make_model()
    t0 = time.perf_counter()
    X = vectorizer.fit_transform(texts)
    classifier.fit(X, y)
    seconds = time.perf_counter() - t0
    return vectorizer, classifier, seconds, X.shape[1]


def predict(vectorizer, classifier, texts):
    t0 = time.perf_counter()
    p = classifier.predict_proba(vectorizer.transform(texts))[:, 1]
    return p, time.perf_counter() - t0


def run_cell(cell, sets, probe_variants):
    train, test = cell_rows(cell, sets)
    vectorizer, classifier, fit_seconds, vocabulary = fit(train)
    p, predict_seconds = predict(vectorizer, classifier, [text_of(r) for r in test])
    y = [r["y"] for r in test]
    out = {
        "cell": cell["name"],
        "nTrain": len(train),
        "nTest": len(test),
        "vocabulary": vocabulary,
        "fitSeconds": fit_seconds,
        "predictSeconds": predict_seconds,
        "p": [float(v) for v in p],
        # A cross-check of the JS metric code, not the figure the bench reports.
        "sklearnRocAuc": float(roc_auc_score(y, p)) if 0 < sum(y) < len(y) else None,
    }
    probe = cell.get("probe")
    if probe:
        rows = [test[i] for i in probe["rows"]]
        out["probe"] = {}
        for v in probe_variants:
            pv, _ = predict(vectorizer, classifier, [text_of(r, v["prefix"], v["suffix"]) for r in rows])
            out["probe"][v["name"]] = [float(x) for x in pv]
    return out


def versions():
    return {
        "python": platform.python_version(),
        "executable": sys.executable,
        "sklearn": sklearn.__version__,
        "numpy": numpy.__version__,
        "scipy": scipy.__version__,
    }


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    mode = argv[2] if len(argv) > 2 else "--serve"
    t0 = time.perf_counter()
    splits, sets = load(argv[1])
    cells = {c["name"]: c for c in splits["cells"]}
    variants = splits.get("probeVariants", [])
    emit({"ready": True, "versions": versions(), "loadSeconds": time.perf_counter() - t0, "rows": sum(len(r) for r in sets.values())})

    if mode == "--fit-all":
        cell = next(c for c in splits["cells"] if c["kind"] == "all")
        train, _ = cell_rows(cell, sets)
        _, _, seconds, vocabulary = fit(train)
        emit({"cell": cell["name"], "nTrain": len(train), "vocabulary": vocabulary, "fitSeconds": seconds, "maxRssKb": max_rss_kb()})
        return 0
    if mode == "--all":
        for c in splits["cells"]:
            if c["kind"] != "all":
                emit(run_cell(c, sets, variants))
        emit({"maxRssKb": max_rss_kb()})
        return 0
    if mode != "--serve":
        print("peer: unknown mode %s (expected --serve, --all or --fit-all)" % mode, file=sys.stderr)
        return 2
    for line in sys.stdin:
        if not line.strip():
            continue
        command = json.loads(line)
        if command.get("cmd") == "quit":
            emit({"maxRssKb": max_rss_kb()})
            return 0
        if command.get("cmd") == "cell":
            name = command.get("name")
            if name not in cells:
                emit({"error": "no cell named %r" % name})
                continue
            emit(run_cell(cells[name], sets, variants))
        else:
            emit({"error": "unknown command %r" % command.get("cmd")})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
