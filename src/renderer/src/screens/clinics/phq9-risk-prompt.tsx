// The same-day risk prompt raised by PHQ-9 item 9 answered above 0. It appears the moment the answer
// is given, stays in view while the rest of the form is filled in, and is shown again with the
// saved visit: the clinician must assess the risk before the patient leaves, under the practice's
// own procedure.
export function Phq9RiskPrompt({ text, patientName }: { text: string; patientName: string }) {
  return (
    <div className="alert alert-error risk-prompt" role="alert">
      <h3 className="alert-title">Same-day risk: assess {patientName} today and follow the practice’s protocol</h3>
      <p className="alert-message">{text}</p>
    </div>
  )
}
