"""sitemap.xml entries for the condition pages (every language) and the clinicians' summaries."""

from articles.sitemaps import SiteUrlSitemap, in_every_language


class ConditionSitemap(SiteUrlSitemap):
    def items(self):
        pages = in_every_language("conditions:condition", lambda lib: lib.conditions.values())
        summaries = in_every_language(
            "conditions:clinicians",
            lambda lib: [c.clinicians for c in lib.conditions.values() if c.clinicians],
        )
        return [*pages, *summaries]

    def lastmod(self, page):
        return page.item.review.last_reviewed
