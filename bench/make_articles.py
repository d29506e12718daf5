#!/usr/bin/env python3
"""Writes COUNT Markdown articles of about CHARS characters (default 2,000) into DIR, in
Korean and English by turns, from a fixed seed: the benchmark's own words, nothing copied.

The words follow a Zipf law (exponent 1.1) over a vocabulary the script makes itself: a few
hundred common news words of each language at the head of the ranking (written for this
bench), then a long tail of made-up words (Korean: 2-4 Hangul syllables composed from a
chosen set of initial, medial and final jamo; English: 2-4 consonant-vowel syllables),
deduplicated. So a few words are in most articles and most words are in very few, as in a
real archive, and a query matches a realistic share of the library.

    make_articles.py DIR COUNT [CHARS]      the articles (000000.md, 000001.md, ...)
    make_articles.py --queries OUT.json     the benchmark queries, chosen by their expected
                                            document frequency (no articles needed)

Writing the articles also writes DIR/queries.json. The same words and the same articles
come out on every run and on every machine (the work is split into blocks with their own
seeds, so the number of processes does not change the output).
"""
import bisect
import itertools
import json
import math
import os
import random
import sys

SEED = 20261128
ZIPF = 1.1
KO_VOCAB = 150_000
EN_VOCAB = 60_000
BLOCK = 2_000

# ---- the head of each ranking: common news words, most frequent first ------------------

KO_HEAD = """
이번 올해 지난해 정부 지역 주민 시장 서울 오늘 내년 관계자 이후 기자 경우 사업 문제 국민 시민 대표
대통령 국회 예산 경제 사회 문화 정책 계획 지원 발표 결과 상황 기업 회사 시설 학교 학생 교육 의원 위원회
구청 시청 의회 도시 마을 골목 공원 하천 도로 다리 항구 공항 철도 버스 지하철 교통 주택 전세 월세 금리
물가 임금 은행 투자 수출 수입 반도체 자동차 배터리 조선 농민 어민 상인 손님 관광객 축제 공연 행사 전시
도서관 박물관 미술관 병원 의사 환자 보건소 소방서 경찰 검찰 법원 판결 사건 사고 화재 폭우 태풍 가뭄 기온
날씨 장마 한파 폭염 미세먼지 열대야 겨울 여름 가을 봄 주말 평일 아침 저녁 새벽 오후 오전 최근 당시 현재
처음 마지막 가장 모두 함께 다시 계속 이미 아직 매년 매달 하루 이틀 사흘 일주일 한달 상반기 하반기 분기
청년 노인 어린이 가족 부모 아이 여성 남성 노동자 직원 공무원 시장실 구청장 도지사 군수 장관 총리 여당 야당
선거 후보 투표 공약 여론 조사 통계 자료 보고서 연구 연구진 과학자 대학 입시 시험 성적 교사 수업 방학
운동 축구 야구 농구 배구 선수 감독 경기 우승 기록 올림픽 대회 결승 관중 팬 구단 계약 이적 부상 복귀
영화 음악 작가 소설 시인 배우 가수 무대 관객 작품 감독상 시상식 개봉 공개 방송 프로그램 신문 잡지 기사
인공지능 플랫폼 서비스 이용자 스마트폰 인터넷 데이터 보안 개인정보 온라인 앱 통신 요금 전기 가스 수도
환경 기후 탄소 에너지 태양광 풍력 원전 쓰레기 재활용 플라스틱 숲 나무 꽃 바다 섬 산 강 호수 해변 산책로
야시장 전통시장 상인회 주민센터 기상청 통계청 교육청 보건복지부 국토교통부 기획재정부 행정안전부 환경부
복지 연금 보험 세금 세금감면 보조금 일자리 실업 고용 창업 소상공인 자영업자 가게 식당 카페 편의점 시장가
가격 비용 매출 이익 손실 적자 흑자 성장 감소 증가 상승 하락 회복 위기 대책 방안 제도 법안 개정 시행
안전 점검 단속 규제 허가 신청 접수 심사 선정 공모 모집 참여 참가 신청자 대상 기준 조건 기간 일정 마감
"""
KO_VERBS = """밝혔다 전했다 늘었다 줄었다 열었다 점검했다 결정했다 설명했다 시작했다 마쳤다 발표했다 확인했다
조사했다 요구했다 강조했다 덧붙였다 지적했다 예상했다 우려했다 제안했다 추진한다 예정이다 나섰다 이어졌다
집계됐다 선정됐다 마련했다 공개했다 운영한다 지원한다""".split()

EN_HEAD = """
the of and to in a for on said with that at by from was is as it will its after year new
council city government people residents state local police school students market week
last more than about over two three first percent million report plan budget public
officials minister president election party vote court case company workers prices
rates bank housing rent health hospital doctors patients water road bridge harbour ferry
bus subway rail traffic airport library museum festival concert film music book author
weather storm rain snow heat temperature winter summer spring autumn weekend morning evening
village town district street park river trail forest island coast mountain sea farm
farmers fishers harvest food rice exports imports trade chips cars batteries energy power
solar wind climate carbon waste recycling plastic data internet phone service users online
security privacy research scientists university exam teachers classes children families
parents youth elderly women men jobs wages pension welfare tax taxes grant support funding
sports football baseball basketball players coach match season title record team fans
league stadium final injury contract transfer tournament medal olympic champion victory
department agency committee board mayor governor senator lawmakers bill law rules policy
inquiry survey study figures statistics review decision plans project programme scheme
safety inspection permit license application deadline schedule opening closure repairs
shop shops cafe restaurant vendors visitors tourists customers owners business sales
profit loss growth decline increase rise fall recovery crisis measures response support
national regional central northern southern eastern western nearby downtown rural urban
early late annual monthly daily recent current former next previous major minor small
large main older younger higher lower longer shorter free open closed full empty busy
quiet """
EN_VERBS = """said announced reported opened closed inspected decided explained started finished
confirmed added warned expected proposed approved rejected planned launched released
estimated stressed noted agreed""".split()

# ---- the long tail ---------------------------------------------------------------------

# Indices into the jamo tables of Unicode's Hangul syllables (U+AC00 + (I*21 + M)*28 + F).
KO_INITIAL = [0, 2, 3, 5, 6, 7, 9, 11, 12, 14, 15, 16, 17, 18]   # ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ
KO_MEDIAL = [0, 1, 4, 6, 8, 12, 13, 17, 18, 20]                  # ㅏㅐㅓㅕㅗㅛㅜㅠㅡㅣ
KO_FINAL = [0, 0, 0, 1, 4, 8, 16, 17, 21]                        # none (x3), ㄱㄴㄹㅁㅂㅇ


def ko_syllable(rng):
    i, m, f = rng.choice(KO_INITIAL), rng.choice(KO_MEDIAL), rng.choice(KO_FINAL)
    return chr(0xAC00 + (i * 21 + m) * 28 + f)


EN_ONSET = "b c d f g h k l m n p r s t v w z br cr dr fl gr pl pr st tr ch sh th".split()
EN_VOWEL = "a e i o u a e i o ea ou ai".split()
EN_CODA = ["", "", "", "n", "r", "s", "l", "t", "nd", "st", "ck"]


def en_word(rng):
    n = rng.choice((2, 2, 3, 3, 3, 4))
    w = "".join(rng.choice(EN_ONSET) + rng.choice(EN_VOWEL) for _ in range(n))
    return w + rng.choice(EN_CODA)


def vocabulary(head, size, make, rng):
    words, seen = [], set()
    for w in head.split():
        if w not in seen:
            seen.add(w)
            words.append(w)
    while len(words) < size:
        w = make(rng)
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def zipf_cum(size):
    return list(itertools.accumulate(1.0 / (r ** ZIPF) for r in range(1, size + 1)))


class Lang:
    def __init__(self, korean, rng):
        self.korean = korean
        if korean:
            self.words = vocabulary(KO_HEAD, KO_VOCAB, lambda r: "".join(ko_syllable(r) for _ in range(r.choice((2, 2, 3, 3, 3, 4)))), rng)
            self.verbs = KO_VERBS
        else:
            self.words = vocabulary(EN_HEAD, EN_VOCAB, en_word, rng)
            self.verbs = EN_VERBS
        self.cum = zipf_cum(len(self.words))
        self.total = self.cum[-1]
        self.mean_len = sum(len(w) / (r + 1) ** ZIPF for r, w in enumerate(self.words)) / self.total

    def draw(self, rng, k):
        return rng.choices(self.words, cum_weights=self.cum, k=k)


_LANGS = None


def langs():
    global _LANGS
    if _LANGS is None:
        rng = random.Random(SEED)
        _LANGS = (Lang(True, rng), Lang(False, rng))
    return _LANGS


def article(rng, i, chars, lang):
    """One article: a headline, then paragraphs of 2-4 sentences of 6-12 words and a verb."""
    # All the words at once (one call, not one per word): the expected count and a margin.
    batch = int(chars / (lang.mean_len + 1) * 1.1) + 32
    words = lang.draw(rng, batch)
    verbs = lang.verbs
    at = 0
    head = " ".join(words[at:at + 5])
    at += 5
    paras, size = [], 0
    while size < chars:
        sents = []
        for _ in range(rng.randint(2, 4)):
            n = rng.randint(6, 12)
            if at + n > len(words):
                words += lang.draw(rng, batch)
            s = " ".join(words[at:at + n]) + " " + verbs[rng.randrange(len(verbs))] + "."
            at += n
            sents.append(s if lang.korean else s[0].upper() + s[1:])
        p = " ".join(sents)
        paras.append(p)
        size += len(p) + 2
    return f"# {head} {i}\n\n" + "\n\n".join(paras) + "\n"


def write_block(job):
    out, start, end, chars = job
    ko, en = langs()
    rng = random.Random(SEED * 1_000_003 + chars * 7919 + start)
    written = 0
    for i in range(start, end):
        text = article(rng, i, chars, ko if i % 2 == 0 else en)
        with open(os.path.join(out, f"{i:06d}.md"), "w", encoding="utf-8") as f:
            f.write(text)
        written += len(text)
    return written


# ---- expected document frequencies, and the queries -------------------------------------

def tokens_per_article(lang, chars=2000):
    """Words drawn per article of `chars` characters: text of the mean word length, one word
    in ten of it a sentence's closing verb (not drawn), plus the five of the headline."""
    return chars / (lang.mean_len + 1) * 0.9 + 5


def doc_freq(lang, rank, n_tokens, share=0.5):
    """Expected share of the whole library (both languages) whose text has the word."""
    p = (1.0 / (rank + 1) ** ZIPF) / lang.total
    return share * (1.0 - math.exp(-n_tokens * p))


def pick(lang, n_tokens, target, count, ok):
    """`count` words near expected document frequency `target` (closest first)."""
    ranked = sorted(range(len(lang.words)), key=lambda r: abs(math.log(doc_freq(lang, r, n_tokens) / target)))
    out = []
    for r in ranked:
        if ok(lang.words[r]):
            out.append((lang.words[r], doc_freq(lang, r, n_tokens)))
            if len(out) == count:
                break
    return out


def queries():
    ko, en = langs()
    out, shape = {}, {}
    for lang, name in ((ko, "ko"), (en, "en")):
        nt = tokens_per_article(lang)
        words = set(lang.words)
        text = "\n".join(lang.words)

        # A query of >= 3 characters also matches every word that contains it: keep the
        # words no other word contains, so the expected frequency is the real one.
        def alone(w):
            return text.count(w) == 1

        def long_ok(w):
            return len(w) >= 3 and w.isalpha() and alone(w)

        classes = {}
        for cls, target in (("frequent", 0.20), ("middle", 0.01), ("rare", 0.0001)):
            picked = pick(lang, nt, target, 4, long_ok)
            classes[cls] = [w for w, _ in picked]
            shape[f"{name} {cls}"] = picked
        # 1-2 characters, what a user has typed so far: two frequent two-character words,
        # the first two characters of the middle and rare words, and single characters.
        short = pick(lang, nt, 0.2, 2, lambda w: len(w) == 2)
        two = sorted({w[:2] for w in classes["middle"][:2] + classes["rare"][:2]})
        one = sorted({w[0] for w in classes["frequent"] + classes["middle"]})[:3]
        classes["short"] = [w for w, _ in short] + two + one
        shape[f"{name} short"] = short
        out[name] = classes
        out[f"{name}_vocabulary"] = len(words)
        out[f"{name}_words_per_article"] = round(nt)
    return out, shape


def write_queries(path):
    q, shape = queries()
    with open(path, "w", encoding="utf-8") as f:
        json.dump(q, f, ensure_ascii=False, indent=1)
    return q, shape


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--queries":
        q, shape = write_queries(sys.argv[2])
        report(q, shape)
        return
    if len(sys.argv) < 3:
        sys.exit("usage: make_articles.py DIR COUNT [CHARS] | make_articles.py --queries OUT.json")
    out, count = sys.argv[1], int(sys.argv[2])
    chars = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    os.makedirs(out, exist_ok=True)
    langs()
    jobs = [(out, s, min(count, s + BLOCK), chars) for s in range(0, count, BLOCK)]
    if len(jobs) > 1 and (os.cpu_count() or 1) > 1:
        import multiprocessing
        with multiprocessing.get_context("fork").Pool(os.cpu_count()) as pool:
            total = sum(pool.imap_unordered(write_block, jobs))
    else:
        total = sum(map(write_block, jobs))
    if count > 1:
        q, shape = write_queries(os.path.join(out, "queries.json"))
        report(q, shape)
    print(f"make_articles: {count:,} articles, {total / max(count, 1):,.0f} characters each on average, in {out}", file=sys.stderr)


def report(q, shape):
    ko, en = langs()
    print(f"make_articles: vocabulary {len(ko.words):,} Korean and {len(en.words):,} English words (Zipf exponent {ZIPF}); "
          f"~{q['ko_words_per_article']} Korean / ~{q['en_words_per_article']} English words per article", file=sys.stderr)
    for lang, name in ((ko, "ko"), (en, "en")):
        nt = tokens_per_article(lang)
        dfs = ", ".join(f"#{r + 1} {lang.words[r]} {doc_freq(lang, r, nt):.3%}" for r in (0, 9, 99, 999, 9999, len(lang.words) - 1))
        print(f"  {name} expected document frequency (share of all articles) by rank: {dfs}", file=sys.stderr)
    for k, v in shape.items():
        print(f"  queries {k}: " + ", ".join(f"{w} {df:.4%}" for w, df in v), file=sys.stderr)


if __name__ == "__main__":
    main()
