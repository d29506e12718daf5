#!/usr/bin/env python3
"""Writes COUNT Markdown articles of about CHARS characters (default 2,000) into DIR, in
Korean and English by turns, from a fixed seed: the benchmark's own words, nothing copied."""
import os
import random
import sys

KO = ("구청 주민 시장 골목 야시장 상인 손님 도서관 학교 학생 다리 항구 여객선 버스 지하철 공원 산책로 "
      "하천 축제 공연 예산 의회 위원회 날씨 기온 장마 태풍 눈 겨울 여름 주말 평일 올해 내년 이번 새로운").split()
KO_VERBS = "밝혔다 전했다 늘었다 줄었다 열었다 점검했다 결정했다 설명했다 시작했다 마쳤다".split()
EN = ("council residents market alley vendors visitors library school students bridge harbour ferry bus "
      "subway park trail river festival concert budget committee weather temperature storm snow winter "
      "summer weekend weekday year new old small large main the a of in on for with after").split()
EN_VERBS = "said announced reported opened closed inspected decided explained started finished".split()


def sentence(rng, korean):
    words = KO if korean else EN
    s = " ".join(rng.choice(words) for _ in range(rng.randint(6, 12)))
    s += " " + rng.choice(KO_VERBS if korean else EN_VERBS)
    return s[0].upper() + s[1:] + "."


def article(rng, i, chars):
    korean = i % 2 == 0
    head = " ".join(rng.choice(KO if korean else EN) for _ in range(5))
    paras, size = [], 0
    while size < chars:
        p = " ".join(sentence(rng, korean) for _ in range(rng.randint(2, 4)))
        paras.append(p)
        size += len(p)
    return f"# {head} {i}\n\n" + "\n\n".join(paras) + "\n"


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    chars = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20261128 + chars)
    for i in range(count):
        with open(os.path.join(out, f"{i:06d}.md"), "w", encoding="utf-8") as f:
            f.write(article(rng, i, chars))


if __name__ == "__main__":
    main()
