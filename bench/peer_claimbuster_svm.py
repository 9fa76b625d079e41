# Peer for check-worthiness (BENCHMARKS.md, "ClaimBuster: held-out split"): scikit-learn TF-IDF word
# 1-2-grams (sublinear tf) + LinearSVC, C chosen by 5-fold grid search on F1 -- ClaimBuster's SVM recipe
# (Hassan et al. 2017) without its part-of-speech and entity features. It trains on every distinct
# ClaimBuster sentence (de-duplicated by id, then by text) that is not in the held-out file Credence's
# training run writes, and scores that file.
#
#   node bin/credence.js claims worthiness-train <the npm run train:worthiness arguments> \
#     --heldout-out /tmp/claimbuster-heldout.jsonl --out /tmp/worthiness.cdm
#   /usr/bin/python3 bench/peer_claimbuster_svm.py /tmp/claimbuster-heldout.jsonl \
#     ../shared/datasets/claimbuster/ncs3x.jsonl.gz ../shared/datasets/claimbuster/ncs2_5x.jsonl.gz \
#     ../shared/datasets/claimbuster/ncs2x.jsonl.gz
#
# Prints one JSON object: train and test sizes, the chosen C, precision, recall, F1 and ROC-AUC.
import gzip, json, sys
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC
from sklearn.metrics import precision_recall_fscore_support, roc_auc_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold
heldout = [json.loads(l) for l in open(sys.argv[1])]
key = lambda t: ' '.join(t.lower().split())
held_ids = {r['id'] for r in heldout}; held_texts = {key(r['text']) for r in heldout}
train, seen_ids, seen_texts = [], set(), set()
for f in sys.argv[2:]:
    for l in gzip.open(f, 'rt'):
        r = json.loads(l); k = key(r['text'])
        if r['id'] in seen_ids or k in seen_texts: continue
        seen_ids.add(r['id']); seen_texts.add(k)
        if r['id'] in held_ids or k in held_texts: continue
        train.append(r)
y = lambda rows: [1 if r['label'] == 'check-worthy' else 0 for r in rows]
vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
Xtr = vec.fit_transform([r['text'] for r in train]); Xte = vec.transform([r['text'] for r in heldout])
grid = GridSearchCV(LinearSVC(), {'C': [0.03, 0.1, 0.3, 1]}, scoring='f1', cv=StratifiedKFold(5, shuffle=True, random_state=5)).fit(Xtr, y(train))
s = grid.best_estimator_.decision_function(Xte)
p, r, f, _ = precision_recall_fscore_support(y(heldout), (s >= 0).astype(int), average='binary')
print(json.dumps({'train': len(train), 'test': len(heldout), 'C': grid.best_params_['C'], 'precision': round(p, 4), 'recall': round(r, 4), 'f1': round(f, 4), 'rocAuc': round(roc_auc_score(y(heldout), s), 4)}))
