import { Button, Link, Section, Text } from "@react-email/components";
import { styles } from "./layout";

/**
 * The email's one action: a button, then the same link written out for clients that show no
 * buttons. The plain-text part already shows the URL next to the button label, so the written
 * out link is left out of it.
 */
export function ActionButton(props: { href: string; label: string; fallback: string }) {
	return (
		<>
			<Section style={styles.buttonWrap}>
				<Button href={props.href} style={styles.button}>
					{props.label}
				</Button>
			</Section>
			<Text style={styles.small} data-skip-in-text="true">
				{props.fallback}
			</Text>
			<Text style={{ ...styles.small, marginTop: 0 }} data-skip-in-text="true">
				<Link href={props.href} dir="ltr" style={styles.plainLink}>
					{props.href}
				</Link>
			</Text>
		</>
	);
}

/** The closing lines every email ends with. */
export function SignOff(props: { signoff: string; team: string }) {
	return (
		<Text style={styles.paragraph}>
			{props.signoff}
			<br />
			{props.team}
		</Text>
	);
}
