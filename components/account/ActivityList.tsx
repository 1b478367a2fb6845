import { getFormatter, getTranslations } from "next-intl/server";
import type { ActivityView } from "@/lib/activity";
import { isolate } from "@/lib/i18n/bidi";
import { ClientName } from "../ClientName";

/** Recent security events as a table: when, what (which app), where (network, masked). */
export async function ActivityList({ activity }: { activity: ActivityView }) {
  const [t, common, format] = await Promise.all([getTranslations("Activity"), getTranslations("Common"), getFormatter()]);
  if (activity.events.length === 0) return <p>{t("empty")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-start">
        <caption className="sr-only">{t("caption")}</caption>
        <thead>
          <tr className="border-b-2 border-line">
            <th scope="col" className="py-2 pe-4 text-start font-semibold">{t("when")}</th>
            <th scope="col" className="py-2 pe-4 text-start font-semibold">{t("what")}</th>
            <th scope="col" className="py-2 text-start font-semibold">{t("where")}</th>
          </tr>
        </thead>
        <tbody>
          {activity.events.map((event) => {
            const client = event.clientName?.trim() || common("unnamedApp");
            let where = t("unknownNetwork");
            // Isolated: an address keeps its own order inside an Arabic sentence.
            if (event.network) where = t(event.network === activity.network ? "thisNetwork" : "otherNetwork", { network: isolate(event.network) });
            return (
              <tr key={event.id} className="border-b border-line/60 align-top">
                <td className="py-2 pe-4 whitespace-nowrap">
                  <time dateTime={event.at.toISOString()}>{format.dateTime(event.at, { dateStyle: "medium", timeStyle: "short" })}</time>
                </td>
                <td className="py-2 pe-4">
                  {t.rich(`events.${event.kind}`, { client, app: () => <ClientName name={client} fallback={client} /> })}
                </td>
                <td className="py-2">{where}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
