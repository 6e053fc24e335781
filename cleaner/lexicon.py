"""Phrases that page widgets print, in many languages: data for the filters, not rules.

A block is a widget when it consists of nothing but these phrases (and numbers, such as
"12 Comments"). "*" stands for any one word ("Comment via Facebook"). Keep phrases
generic: what share bars, players, comment boxes and prompts print on many sites.
"""

from __future__ import annotations

# fmt: off
# Phrases that are a widget wherever they stand.
WIDGET_PHRASES: tuple[str, ...] = (
    # English: players, share bars, comment widgets, prompts, ads, page furniture
    "listen live", "listen to this article", "listen to article", "listen to this story",
    "watch live", "watch video", "play video", "audio", "get short url", "short url", "short link",
    "share", "share this", "share this article", "share this story", "share this post",
    "share this page", "share on *", "share via *", "share to *", "share article", "shares",
    "tweet", "tweet this", "pin it", "pin", "email", "e-mail", "email this", "print",
    "print this page", "print article", "copy link", "copy url", "link copied", "copied",
    "comment", "comments", "leave a comment", "add a comment", "post a comment", "add comment",
    "comment via *", "comment on *", "view comments", "show comments", "load comments",
    "hide comments", "join the discussion", "join the conversation", "community standards",
    "community guidelines", "discussion", "reply", "report", "report abuse", "like", "likes",
    "subscribe", "subscribe now", "sign up", "sign in", "log in", "login", "register",
    "newsletter", "sign up for our newsletter", "subscribe to our newsletter", "follow us",
    "follow us on *", "follow", "advertisement", "advertising", "sponsored", "sponsored content",
    "ad", "ads", "read more", "continue reading", "read full article", "read the full story",
    "more", "see more", "show more", "load more", "related", "related articles",
    "related stories", "related posts", "related news", "related content", "related topics",
    "you may also like", "you might also like", "recommended", "recommended for you",
    "most popular", "most read", "trending", "trending now", "back to top", "skip to content",
    "skip to main content", "menu", "search", "close", "cookie settings", "accept",
    "accept all", "accept cookies", "reject all", "manage cookies", "got it", "font size",
    "text size", "a+", "a-", "loading", "save", "bookmark", "save article", "facebook", "twitter",
    "x", "linkedin", "whatsapp", "telegram", "reddit", "pinterest", "vk", "viber", "flipboard",
    "messenger", "tumblr", "mastodon", "threads", "bluesky", "instagram", "youtube",
    "gift this article", "gift article", "more on this story", "topics", "tags",
    "leave a reply", "write a comment", "subscribe to our newsletter", "sign up for our newsletter",
    # galleries and players: "Image 1 of 8" (numbers aside), "Caption", "Video"
    "image", "image of", "photo", "photo of", "slide", "slide of", "caption", "gallery",
    "view gallery", "back to gallery", "video", "advert", "share this on *", "explore further",
    "continue reading below", "click to enlarge", "enlarge", "expand",
    # shop and forum buttons
    "add to cart", "add to bag", "add to basket", "add to wishlist", "quote",
    # form builders' status lines and hidden fields, printed as text by a dump (Webflow, Gravity
    # Forms, WordPress's spam trap "Δ")
    "oops something went wrong while submitting the form", "thank you your submission has been received",
    "this field is for validation purposes and should be left unchanged", "δ",
    # reading time ("5 min read", numbers aside) in the languages below
    "min read", "mins read", "min. read", "minute read", "minutes read", "read time",
    "reading time", "lesezeit", "min lesezeit", "min. lesezeit", "minuten lesezeit",
    "min de lecture", "minutes de lecture", "min de lectura", "minutos de lectura",
    "min de leitura", "minutos de leitura", "min di lettura", "minuti di lettura",
    "min leestijd", "minuten leestijd", "мин чтения", "минут чтения", "min czytania",
    # feedback widgets under a help page or a guide
    "was this helpful", "was this page helpful", "was this article helpful",
    "was this information helpful", "is this page helpful", "did you find this helpful",
    "did you find this article helpful", "did this page help you", "helpful", "not helpful",
    "feedback", "give feedback", "send feedback", "rate this page", "rate this article",
    "thanks for your feedback", "thank you for your feedback", "war dieser artikel hilfreich",
    "war diese seite hilfreich", "cet article vous a-t-il été utile",
    "cette page vous a-t-elle été utile", "te ha resultado útil", "fue útil este artículo",
    "esta página foi útil", "este artigo foi útil", "questo articolo è stato utile",
    # German
    "teilen", "jetzt teilen", "artikel teilen", "auf * teilen", "kommentare", "kommentieren",
    "kommentar", "newsletter abonnieren", "anzeige", "werbung", "mehr zum thema", "weiterlesen",
    "drucken", "artikel drucken", "vorlesen", "artikel anhören", "zum seitenanfang",
    "nach oben", "zum inhalt springen", "merken", "mehr", "kommentar schreiben",
    "kommentar verfassen", "newsletter bestellen",
    # French
    "partager", "partager sur *", "commenter", "commentaires", "réagir", "s'abonner",
    "abonnez-vous", "publicité", "lire aussi", "lire la suite", "imprimer", "écouter",
    "écouter l'article", "retour en haut", "voir plus", "à lire aussi", "laisser un commentaire",
    "abonnez-vous à notre newsletter", "inscrivez-vous à notre newsletter",
    # Spanish / Portuguese / Italian
    "compartir", "compartir en *", "comentar", "comentarios", "suscríbete", "publicidad",
    "leer más", "imprimir", "escuchar", "seguir leyendo", "noticias relacionadas", "ver más",
    "compartilhar", "partilhar", "comentários", "publicidade", "leia mais", "leia também",
    "ouvir", "condividi", "commenta", "commenti", "pubblicità", "leggi anche", "leggi di più",
    "stampa", "ascolta", "deja un comentario", "dejar un comentario",
    "suscríbete a nuestro boletín", "suscríbete a nuestra newsletter", "deixe um comentário",
    "deixe seu comentário", "assine nossa newsletter", "lascia un commento", "iscriviti alla newsletter",
    # Dutch / Polish / Scandinavian
    "delen", "reageer", "reacties", "advertentie", "lees meer", "lees ook", "udostępnij",
    "komentarze", "reklama", "czytaj więcej", "czytaj też", "dela", "del", "kommentarer",
    "annons", "annonse", "läs mer", "les mer",
    # Russian / Ukrainian
    "поделиться", "комментарии", "комментировать", "комментарий", "реклама", "читать далее",
    "читайте также", "подписаться", "распечатать", "слушать", "поділитися", "коментарі",
    "оставить комментарий", "добавить комментарий", "подписаться на рассылку",
    # Chinese / Japanese / Korean
    "分享", "评论", "广告", "阅读更多", "相关文章", "打印", "收藏", "シェア", "コメント", "広告",
    "続きを読む", "関連記事", "印刷", "ツイート", "공유", "댓글", "광고", "더보기",
    # Turkish / Indonesian and Malay / Vietnamese
    "paylaş", "yorumlar", "yorum yap", "yorum yaz", "devamını oku", "ilgili haberler",
    "benzer haberler", "reklam", "abone ol", "yazdır", "bizi takip edin", "bagikan", "komentar",
    "tulis komentar", "baca juga", "baca selengkapnya", "berita terkait", "iklan", "berlangganan",
    "cetak", "ikuti kami", "kongsi", "chia sẻ", "bình luận", "xem thêm", "tin liên quan",
    "bài viết liên quan", "quảng cáo", "theo dõi chúng tôi",
    # Czech and Slovak / Romanian / Hungarian / Greek / Finnish / Scandinavian
    "sdílet", "komentáře", "přidat komentář", "čtěte také", "číst dále", "související články",
    "zdieľať", "komentáre", "čítajte aj", "súvisiace články", "distribuie", "comentarii",
    "lasă un comentariu", "citește și", "citește mai mult", "articole similare", "publicitate",
    "abonează-te", "megosztás", "hozzászólások", "hozzászólás", "tovább olvasom",
    "kapcsolódó cikkek", "hirdetés", "feliratkozás", "nyomtatás", "κοινοποίηση", "σχόλια",
    "σχολιάστε", "διαβάστε επίσης", "διαβάστε περισσότερα", "σχετικά άρθρα", "διαφήμιση",
    "εκτύπωση", "jaa", "kommentit", "kommentoi", "lue myös", "lue lisää", "mainos", "tulosta",
    "läs också", "læs også", "les også", "relaterade artiklar", "relaterte artikler",
    "relaterede artikler", "prenumerera", "skriv ut", "udskriv",
    # Arabic / Hebrew / Persian
    "شارك", "مشاركة", "تعليقات", "التعليقات", "أضف تعليق", "اقرأ أيضا", "اقرأ أيضاً", "اقرأ المزيد",
    "مقالات ذات صلة", "أخبار ذات صلة", "إعلان", "اشترك", "طباعة", "שתף", "שיתוף", "תגובות",
    "הוסף תגובה", "קרא עוד", "כתבות נוספות", "פרסומת", "הדפס", "نظرات", "بیشتر بخوانید",
    "مطالب مرتبط", "تبلیغات",
)

# Words that can also be the heading of a real section ("Discussion" in a paper): a block
# made only of these is a widget only when no prose follows it.
SECTION_WORDS: frozenset[str] = frozenset(
    "discussion comments comment related recommended more topics tags reply report contact "
    "audio video menu search feedback kommentare commentaires comentarios commenti комментарии "
    "discussão discusión".split()
)

# The pages of a site that both its menus and its footers link ("About us", "Contact",
# "Privacy policy"), in many languages: in NAV_PHRASES and in SITE_LINKS.
SITE_PAGES: tuple[str, ...] = (
    "about", "about us", "contact", "contact us", "privacy", "privacy policy", "terms",
    "terms of use", "terms of service", "terms and conditions", "cookie policy", "sitemap",
    "site map", "careers", "jobs", "my account", "accessibility", "advertise", "kontakt",
    "impressum", "datenschutz", "über uns", "mentions légales", "qui sommes-nous", "contacto",
    "aviso legal", "quiénes somos", "contato", "chi siamo", "contatti", "контакты", "о нас",
    "联系我们", "关于我们", "お問い合わせ", "会社概要", "iletişim", "hakkımızda", "hubungi kami",
    "tentang kami",
    "liên hệ", "giới thiệu", "despre noi", "kapcsolat", "rólunk", "επικοινωνία", "yhteystiedot",
    "اتصل بنا", "من نحن", "צור קשר", "אודות", "تماس با ما", "درباره ما",
)

# Links of site menus and footers ("Home", "Contact us"): with WIDGET_PHRASES, the signs that a
# stretch of a text dump is page furniture rather than the page's content.
NAV_PHRASES: tuple[str, ...] = (
    "home", "homepage", "faq", "help", "blog", "news", "shop", "cart", "account", "log out",
    "logout", "sign out", "startseite", "accueil", "contactez-nous", "inicio", "início", "главная",
    "首页", "ホーム", "홈", "문의", "anasayfa", "ana sayfa", "beranda", "trang chủ", "úvod", "domů",
    "acasă", "főoldal", "αρχική", "etusivu", "hem", "forside", "hjem", "الرئيسية", "דף הבית",
    "خانه",
    *SITE_PAGES,
)

# The links of a site's footer and account menus, in many languages: legal pages, company pages,
# help desks (SITE_PAGES among them). Unlike the rest of NAV_PHRASES they never head an article's
# section ("Home", "News", "Blog" can), so two of them close together mark a footer's or menu's run
# of short lines.
SITE_LINKS: frozenset[str] = frozenset((
    "privacy notice", "privacy statement", "privacy center", "privacy settings", "cookies policy",
    "cookie notice", "cookie settings", "cookie preferences", "manage cookies",
    "terms & conditions", "terms and rules", "conditions of use", "legal", "legal notice",
    "imprint", "accessibility statement", "work with us", "press", "press room", "newsroom",
    "media", "investors", "investor relations", "advertise with us", "advertising", "affiliates",
    "affiliate program", "partners", "become a partner", "help center", "help centre",
    "customer service", "customer support", "support center", "store locator", "find a store",
    "gift cards", "create account", "order status", "track order", "track my order", "shipping",
    "returns", "shipping policy", "return policy", "returns policy", "refund policy",
    "shipping & returns", "shipping and returns", "delivery & returns", "delivery and returns",
    "do not sell my personal information", "do not sell or share my personal information",
    "your privacy choices", "california privacy rights", "ad choices", "adchoices",
    "code of conduct",
    # German, French, Spanish, Portuguese, Italian, Dutch
    "datenschutzerklärung", "datenschutzhinweise", "agb", "nutzungsbedingungen", "karriere",
    "barrierefreiheit", "cookie-einstellungen", "politique de confidentialité",
    "conditions générales", "conditions générales d'utilisation", "cgu", "cgv", "plan du site",
    "nous contacter", "à propos", "recrutement", "accessibilité", "gestion des cookies",
    "política de privacidad", "política de cookies", "términos y condiciones", "condiciones de uso",
    "sobre nosotros", "contáctanos", "trabaja con nosotros", "mapa del sitio", "accesibilidad",
    "política de privacidade", "termos de uso", "termos e condições", "fale conosco", "sobre nós",
    "quem somos", "trabalhe conosco", "mapa do site", "note legali", "informativa privacy",
    "termini e condizioni", "lavora con noi", "mappa del sito", "over ons", "algemene voorwaarden",
    "privacybeleid", "privacyverklaring", "vacatures", "cookiebeleid",
    # Polish, Russian, Ukrainian, Turkish, Swedish, Danish, Norwegian, Czech
    "polityka prywatności", "regulamin", "o nas", "polityka cookies", "praca",
    "политика конфиденциальности", "пользовательское соглашение", "о компании", "вакансии",
    "карта сайта", "політика конфіденційності", "контакти", "про нас", "gizlilik politikası",
    "kullanım koşulları", "çerez politikası", "kariyer", "integritetspolicy", "om oss",
    "kontakta oss", "privatlivspolitik", "om os", "personvern", "ochrana osobních údajů", "o nás",
    "kontakty",
    # Indonesian, Vietnamese, Romanian, Hungarian, Greek, Finnish, Arabic, Hebrew, Persian
    "kebijakan privasi", "syarat dan ketentuan", "chính sách bảo mật", "điều khoản sử dụng",
    "politica de confidențialitate", "termeni și condiții", "adatvédelmi irányelvek", "adatvédelem",
    "impresszum", "πολιτική απορρήτου", "όροι χρήσης", "tietosuojaseloste", "سياسة الخصوصية",
    "الشروط والأحكام", "מדיניות פרטיות", "תנאי שימוש", "حریم خصوصی",
    # Chinese, Japanese, Korean
    "隐私政策", "隐私权政策", "使用条款", "服务条款", "网站地图", "加入我们",
    "プライバシーポリシー", "個人情報保護方針", "利用規約", "サイトマップ", "採用情報",
    "개인정보처리방침", "이용약관", "회사소개", "고객센터",
    *SITE_PAGES,
))

# Sentences that notices print on every site: cookie banners, copyright lines, newsletter
# pitches, JavaScript and browser warnings (C4 drops lines naming cookies or javascript too).
# Keyed by a lower-case string that every match contains, so most lines are passed over by
# a substring test instead of running ~40 regular expressions (text dumps have many lines).
NOTICE_PATTERNS: dict[str, tuple[str, ...]] = {
    "cookie": (
        r"\b(?:we|this (?:web)?site|our (?:web)?site|the site) uses? cookies", r"\buse of cookies\b",
        r"\baccept (?:all |the )?cookies\b", r"\bcookie (?:policy|settings|preferences)\b",
        r"\bwir verwenden cookies\b", r"\bdiese (?:web)?seite verwendet cookies\b",
        r"\bnous utilisons des cookies\b", r"\bce site utilise des cookies\b",
        r"\butilizamos cookies\b", r"\beste sitio web utiliza cookies\b",
        r"\butilizziamo (?:i )?cookie\b", r"\bwe gebruiken cookies\b", r"\bиспользуем (?:файлы )?cookie",
    ),
    "continuing to": (r"\bby continuing to (?:browse|use)\b",),
    "using this": (r"\bby using this (?:web)?site\b",),
    "©": (r"©",),
    "(c)": (r"\(c\) (?:19|20)\d\d\b",),
    "copyright": (r"\bcopyright (?:©|\(c\)|(?:19|20)\d\d)",),
    "rights": (r"\ball rights reserved\b",),
    "rechte": (r"\balle rechte vorbehalten\b",),
    "droits": (r"\btous droits réservés\b",),
    "derechos": (r"\btodos los derechos reservados\b",),
    "diritti": (r"\btutti i diritti riservati\b",),
    "direitos": (r"\btodos os direitos reservados\b",),
    "rechten": (r"\balle rechten voorbehouden\b",),
    "права": (r"\bвсе права защищены\b",),
    "hakları": (r"\btüm hakları saklıdır\b",),
    "hak cipta": (r"\bhak cipta dilindungi\b",),
    "práva": (r"\bvšechna práva vyhrazena\b",),
    "práva vyhradené": (r"\bvšetky práva vyhradené\b",),
    "drepturile": (r"\btoate drepturile rezervate\b",),
    "jog fenntartva": (r"\bminden jog fenntartva\b",),
    "oikeudet": (r"\bkaikki oikeudet pidätetään\b",),
    "rättigheter": (r"\balla rättigheter förbehållna\b",),
    "rettigheder": (r"\balle rettigheder forbeholdes\b",),
    "rettigheter": (r"\balle rettigheter (?:reservert|forbeholdt)\b",),
    "prawa": (r"\bwszelkie prawa zastrzeżone\b",),
    "права захищені": (r"\bвсі права захищені\b",),
    "δικαιώματος": (r"\bμε την επιφύλαξη παντός δικαιώματος\b",),
    "الحقوق": (r"جميع الحقوق محفوظة",),
    "הזכויות": (r"כל הזכויות שמורות",),
    "版权所有": (r"版权所有",), "無断転載": (r"無断転載",), "著作権": (r"著作権",),
    "newsletter": (
        r"\b(?:sign up|subscribe) (?:for|to) (?:our|the) (?:free )?(?:daily |weekly )?newsletters?\b",
    ),
    "subscribe to": (
        (
            r"\bsubscribe to (?:our|the|my) (?:[\w'’-]+ ){0,4}(?:e-?newsletters?|newsletters?|magazine|"
            r"channel|mailing list|emails?|blog|podcast|digital edition)\b"
        ),
    ),
    "follow": (
        (
            r"\bfollow (?:us|me|him|her|them) (?:on|at) (?:twitter|facebook|instagram|linkedin|youtube|"
            r"tiktok|threads|bluesky|mastodon|pinterest|x\b)"
        ),
    ),
    "subject to copyright": (r"\bsubject to copyright\b",),
    "inbox": (
        r"\bdelivered (?:straight |directly )?to your inbox\b",
        r"\b(?:straight|right|directly) (?:to|in|into) your inbox\b",
    ),
    "javascript": (
        r"\b(?:please )?enable javascript\b", r"\bjavascript is (?:disabled|required|not enabled)\b",
    ),
    "browser": (r"\byour browser (?:does not|doesn't) support\b",),
    "friend": (r"\bshare (?:it|this) with a friend\b",),
    "commercial": (r"\bpersonal,? non-commercial use\b",),
    "subject to change": (r"\bprices? (?:are )?subject to change\b",),
    "commission": (r"\bmay (?:receive|earn|get) (?:a )?(?:small )?commission\b",),
    "share of the sale": (r"\bmay (?:receive|earn|get) (?:a )?share of the sale\b",),
    # newswire credits and pitches that close an article
    "contributed to this": (r"\bcontributed to this (?:report|story|article)\b",),
    "reporting by": (r"\badditional reporting by\b", r"^reporting by\b"),
    "editing by": (r"^editing by\b",),
    "enjoy": (r"\b(?:if you|did you) enjoy(?:ed)? this (?:article|story|post)\b",),
}

# Photo credits, and captions that end with one: a dump keeps them among the paragraphs, where
# HTML has them in <figcaption>. Each names a picture and holds a colon, or opens with "Image".
CAPTION_PATTERNS: tuple[str, ...] = (
    r"^\W*(?:photo|image|picture|credit|foto|bild|imagem|imagen|immagine|фото)s?(?: credits?)?\s*:",
    r"\((?:photo|image|picture|foto|bild)s?(?: credits?)?\s*:[^)]*\)\W*$",
    r"^image (?:copyright|caption)\b",
    r"\bcredit\s*:[^.!?]*$",
)

# Every match of a caption pattern holds one of these words, in lower case: an ASCII line without
# any is no caption ("imagem" and "imagen" hold "image"). Tests check them against the patterns.
CAPTION_WORDS: tuple[str, ...] = ("photo", "image", "picture", "credit", "foto", "bild", "immagine")

# Labels that introduce a tag or keyword list ("Tags: a, b, c").
TAG_LABELS: tuple[str, ...] = (
    "tags", "tagged", "tagged with", "tagged as", "topics", "keywords", "filed under",
    "categories", "category", "schlagwörter", "schlagworte", "themen", "stichworte",
    "étiquettes", "mots-clés", "mots clés", "sujets", "etiquetas", "temas", "palabras clave",
    "argomenti", "parole chiave", "trefwoorden", "onderwerpen", "tagi", "tematy", "теги",
    "метки", "темы", "ключевые слова", "标签", "关键词", "タグ", "キーワード", "태그",
    "etiketler", "từ khóa", "štítky", "etichete", "címkék", "ετικέτες", "avainsanat", "taggar",
    "emner", "الوسوم", "كلمات مفتاحية", "תגיות",
)

# Words that open a byline ("By Jane Doe", "Von Max Muster").
BYLINE_OPENERS: tuple[str, ...] = (
    "by", "written by", "posted by", "words by", "story by", "reporting by", "von", "par",
    "por", "di", "door", "av", "af", "autor", "autorin", "auteur", "автор", "от", "作者", "文",
    "oleh", "bởi", "بقلم", "מאת",
)

# The last word of a comment's header line ("Ann says:", "Bob on May 2, 2019 said:").
POST_HEADER_VERBS: frozenset[str] = frozenset((
    "says", "said", "wrote", "writes", "replied", "replies", "commented", "schreibt", "schrieb",
    "écrit", "escribió", "escribe", "disse", "diz", "scrive", "scritto", "schreef", "napisał",
    "пишет", "написал", "написала", "dijo", "dice", "dit",
))
# Words of the line that opens an article's comment section ("34 Comments", "Leave a comment"):
# nouns for comments, not a forum post's "Reply" or "Reactions".
COMMENT_WORDS: frozenset[str] = frozenset((
    "comment", "comments", "responses", "kommentar", "kommentare", "commentaire", "commentaires",
    "comentario", "comentarios", "comentário", "comentários", "commento", "commenti", "reactie",
    "reacties", "комментарии", "комментариев", "komentarze", "komentarzy",
    "yorum", "yorumlar", "komentar", "komentáře", "komentáre", "comentarii", "hozzászólás",
    "hozzászólások", "σχόλια", "kommentit", "kommentarer", "تعليقات", "التعليقات", "תגובות",
))

# Headings that open what follows an article (related stories, most read, comments) in many
# languages: a short line that starts with one of them ends the body of a whole-page dump.
SECTION_ENDS: tuple[str, ...] = (
    "related", "recommended", "most read", "most popular", "most viewed", "most shared",
    "read these next", "read next", "up next", "more from", "more in", "more on", "more stories",
    "more news", "more articles", "you may also like", "you might also like", "you may like",
    "you might like", "also on", "top stories", "latest news", "latest stories", "latest videos",
    "trending", "comments", "top rated comments", "leave a reply", "leave a comment",
    "join the conversation", "join the discussion", "responses to", "thoughts on",
    "sponsored stories", "around the web", "from the web", "what to read next", "don't miss",
    "in other news", "elsewhere on",
    # German, French, Spanish, Portuguese, Italian, Dutch
    "mehr zum thema", "mehr aus", "das könnte sie auch interessieren", "weitere artikel",
    "ähnliche artikel", "meistgelesen", "kommentare", "à lire aussi", "lire aussi",
    "vous aimerez aussi", "sur le même sujet", "articles similaires", "les plus lus",
    "commentaires", "noticias relacionadas", "artículos relacionados", "te puede interesar",
    "lo más leído", "más leídas", "comentarios", "artigos relacionados", "notícias relacionadas",
    "leia também", "veja também", "mais lidas", "você pode gostar", "comentários",
    "articoli correlati", "potrebbe interessarti", "leggi anche", "i più letti", "commenti",
    "gerelateerde artikelen", "lees ook", "meest gelezen", "reacties",
    # Russian, Polish, Chinese, Japanese, Korean
    "читайте также", "вам также может быть интересно", "похожие статьи", "похожие новости",
    "комментарии", "самое читаемое", "czytaj także", "podobne artykuły", "komentarze",
    "相关文章", "相关新闻", "热门文章", "関連記事", "人気記事", "관련기사", "많이 본 뉴스",
    # Turkish, Indonesian, Vietnamese, Czech, Slovak, Romanian, Hungarian, Greek, Finnish,
    # Swedish, Danish, Norwegian, Arabic, Hebrew
    "ilgili haberler", "benzer haberler", "en çok okunanlar", "yorumlar", "berita terkait",
    "baca juga", "terpopuler", "tin liên quan", "bài viết liên quan", "đọc nhiều nhất",
    "související články", "čtěte také", "nejčtenější", "súvisiace články", "čítajte aj",
    "najčítanejšie", "articole similare", "citește și", "cele mai citite", "kapcsolódó cikkek",
    "legolvasottabb", "σχετικά άρθρα", "διαβάστε επίσης", "lue myös", "luetuimmat", "läs också",
    "mest läst", "relaterade artiklar", "læs også", "mest læste", "les også", "mest lest",
    "مقالات ذات صلة", "أخبار ذات صلة", "اقرأ أيضا", "الأكثر قراءة", "כתבות נוספות", "הכי נקראים",
)

# Labels of a line that links another story from inside the body ("Related: <headline>",
# "Read more: <headline>"), in the languages of SECTION_ENDS. Not notices, which end a dump's
# body: such a line stands between two of its paragraphs.
STORY_LINK_LABELS: tuple[str, ...] = (
    "related", "related article", "related articles", "related story", "related stories",
    "related post", "related posts", "related reading", "related content", "related link",
    "lesen sie auch", "lire aussi", "à lire aussi", "lea también", "leer también", "leggi anche",
    "leia também", "veja também", "lees ook", "zobacz też", "zobacz także", "czytaj także",
    "czytaj też", "читайте также", "相关阅读", "関連記事", "관련기사", "read more", "read also",
    "see also", "also read",
)

# Photo agencies and stock libraries whose name closes a picture's credit ("Jane Doe/Getty
# Images", "Photo via Pexels"), in lower case; the newswires' own form is "(AP Photo/Jane Doe)".
PHOTO_AGENCIES: tuple[str, ...] = (
    "getty images", "gettyimages", "shutterstock", "istock", "alamy", "unsplash", "pexels",
    "adobe stock", "adobestock", "dreamstime", "depositphotos",
)
NEWSWIRES: tuple[str, ...] = ("ap", "afp", "reuters", "epa", "aap", "pa", "xinhua", "dpa", "ansa")

# fmt: on
