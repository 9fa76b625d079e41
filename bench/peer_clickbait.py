#!/usr/bin/python3
"""The scikit-learn peer for bench/clickbait.js: TF-IDF word 1-2-grams + LogisticRegression on the same
held-out split (computed by Credence's code and passed in a JSON file), with and without lower-casing.

    /usr/bin/python3 bench/peer_clickbait.py SPLIT.json

SPLIT.json: {"titles": [...], "y": [...], "test": [0|1...], "real": {name: [titles]}}
Prints one JSON object: per variant, held-out accuracy/precision/recall/F1/ROC-AUC, the same on the
held-out titles re-cased (lower, Title Case), fit seconds (fit_transform + fit), and the share of each
real-news headline set called clickbait.
"""
import json
import sys
import time

try:
    import sklearn
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score, roc_auc_score
except Exception as e:  # noqa: BLE001 - any import failure means "no peer"
    print(json.dumps({"error": "scikit-learn is not importable with %s: %s" % (sys.executable, e)}))
    sys.exit(3)

import re


def title_case(s):
    return re.sub(r'(^|[\s"“‘(\[-])(\w)', lambda m: m.group(1) + m.group(2).upper(), s.lower())


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        d = json.load(f)
    titles, y, test = d["titles"], d["y"], d["test"]
    tr = [i for i, t in enumerate(test) if t == 0]
    te = [i for i, t in enumerate(test) if t == 1]
    out = {"sklearn": sklearn.__version__, "variants": {}}
    for name, lower in (("lower-cased", True), ("cased", False)):
        vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=lower)
        clf = LogisticRegression(C=10, solver="liblinear", random_state=0)
        t0 = time.perf_counter()
        X = vec.fit_transform([titles[i] for i in tr])
        clf.fit(X, [y[i] for i in tr])
        fit_s = time.perf_counter() - t0
        yt = [y[i] for i in te]

        def figures(texts):
            p = clf.predict_proba(vec.transform(texts))[:, 1]
            c = [1 if v >= 0.5 else 0 for v in p]
            return {
                "accuracy": accuracy_score(yt, c),
                "precision": precision_score(yt, c, zero_division=0),
                "recall": recall_score(yt, c, zero_division=0),
                "f1": f1_score(yt, c, zero_division=0),
                "rocAuc": roc_auc_score(yt, p),
            }

        base = [titles[i] for i in te]
        t1 = time.perf_counter()
        v = figures(base)
        predict_s = time.perf_counter() - t1
        v["fitSeconds"] = fit_s
        v["predictSeconds"] = predict_s
        v["lowerCasedAccuracy"] = figures([t.lower() for t in base])["accuracy"]
        v["titleCasedAccuracy"] = figures([title_case(t) for t in base])["accuracy"]
        v["real"] = {}
        for k, ts in d.get("real", {}).items():
            p = clf.predict_proba(vec.transform(ts))[:, 1]
            v["real"][k] = float((p >= 0.5).mean()) if len(ts) else None
        out["variants"][name] = v
    print(json.dumps(out))


main()
