import { Text, View } from '@tarojs/components';

const SECTIONS: { title: string; lines: string[] }[] = [
  {
    title: '我们收集什么',
    lines: [
      '您填写的报告内容：看到的情况、孩子所在地区和地址、孩子的信息、情况描述、发现日期。',
      '您选择提供的：姓名和电话（匿名报告不收集）、照片和视频、当前位置（只在您点“使用我现在的位置”时获取）。',
      '登录用的微信标识（openid），用来让您看到自己的报告；我们拿不到您的微信昵称、头像或手机号。',
    ],
  },
  {
    title: '为什么收集',
    lines: [
      '只为一件事：把报告送到负责的部门，让他们尽快找到并帮助孩子，并把办理结果告诉您。',
      '不用于广告，不出售，不交给与办理无关的任何单位或个人；照片和视频不送第三方做内容审核。',
    ],
  },
  {
    title: '谁能看到',
    lines: [
      '办理这份报告的公安、民政、乡镇儿童督导员、教育等部门的工作人员，以及县级协调员。',
      '选择“保密”时，您的姓名和电话只给公安和协调员看；选择“匿名”时，谁也看不到。',
      '每一次查看都会记入不可更改的日志，可以追查是谁、在什么时候看过。',
    ],
  },
  {
    title: '怎么保存、保存多久',
    lines: [
      '孩子的姓名、身份证号、出生日期、地址，您的姓名和电话，以及照片和视频，都加密保存在本县的服务器上。',
      '报告和办理记录作为工作档案，按当地档案管理规定的期限保存，期满后删除。',
      '没提交的草稿只保存在您的手机上，提交成功后即从手机上删除。',
    ],
  },
  {
    title: '您的权利',
    lines: [
      '您可以随时用查询码查看办理进度，对办理结果评价。',
      '如需查询、更正您提供的个人信息，或对信息处理有疑问，请联系当地县级未成年人保护工作协调机构。',
    ],
  },
];

export default function PrivacyPage() {
  return (
    <View className="page">
      {SECTIONS.map((section) => (
        <View key={section.title} className="section">
          <Text className="section-title">{section.title}</Text>
          {section.lines.map((line) => (
            <Text key={line} className="hint privacy-line">
              {line}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}
