SqueezeNet(
  (features): Module(
    (0): Conv2d(3, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
    (1): ReLU(inplace=True)
    (2): MaxPool2d(kernel_size=3, stride=2, padding=0, dilation=1, ceil_mode=True)
    (3): Module(
      (squeeze): Conv2d(32, 8, kernel_size=(1, 1), stride=(1, 1))
      (squeeze_activation): ReLU(inplace=True)
      (expand1x1): Conv2d(8, 16, kernel_size=(1, 1), stride=(1, 1))
      (expand1x1_activation): ReLU(inplace=True)
      (expand3x3): Conv2d(8, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
      (expand3x3_activation): ReLU(inplace=True)
    )
    (4): Module(
      (squeeze): Conv2d(32, 8, kernel_size=(1, 1), stride=(1, 1))
      (squeeze_activation): ReLU(inplace=True)
      (expand1x1): Conv2d(8, 16, kernel_size=(1, 1), stride=(1, 1))
      (expand1x1_activation): ReLU(inplace=True)
      (expand3x3): Conv2d(8, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
      (expand3x3_activation): ReLU(inplace=True)
    )
    (5): MaxPool2d(kernel_size=3, stride=2, padding=0, dilation=1, ceil_mode=True)
    (6): Module(
      (squeeze): Conv2d(32, 16, kernel_size=(1, 1), stride=(1, 1))
      (squeeze_activation): ReLU(inplace=True)
      (expand1x1): Conv2d(16, 32, kernel_size=(1, 1), stride=(1, 1))
      (expand1x1_activation): ReLU(inplace=True)
      (expand3x3): Conv2d(16, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
      (expand3x3_activation): ReLU(inplace=True)
    )
    (7): Module(
      (squeeze): Conv2d(64, 16, kernel_size=(1, 1), stride=(1, 1))
      (squeeze_activation): ReLU(inplace=True)
      (expand1x1): Conv2d(16, 32, kernel_size=(1, 1), stride=(1, 1))
      (expand1x1_activation): ReLU(inplace=True)
      (expand3x3): Conv2d(16, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
      (expand3x3_activation): ReLU(inplace=True)
    )
  )
  (classifier): Module(
    (0): Dropout(p=0.5, inplace=False)
    (1): Conv2d(64, 10, kernel_size=(1, 1), stride=(1, 1))
    (2): ReLU(inplace=True)
    (3): AdaptiveAvgPool2d(output_size=(1, 1))
  )
)



def forward(self, x : torch.Tensor) -> torch.Tensor:
    features_0 = getattr(self.features, "0")(x);  x = None
    features_1 = getattr(self.features, "1")(features_0);  features_0 = None
    features_2 = getattr(self.features, "2")(features_1);  features_1 = None
    features_3_squeeze = getattr(self.features, "3").squeeze(features_2);  features_2 = None
    features_3_squeeze_activation = getattr(self.features, "3").squeeze_activation(features_3_squeeze);  features_3_squeeze = None
    features_3_expand1x1 = getattr(self.features, "3").expand1x1(features_3_squeeze_activation)
    features_3_expand1x1_activation = getattr(self.features, "3").expand1x1_activation(features_3_expand1x1);  features_3_expand1x1 = None
    features_3_expand3x3 = getattr(self.features, "3").expand3x3(features_3_squeeze_activation);  features_3_squeeze_activation = None
    features_3_expand3x3_activation = getattr(self.features, "3").expand3x3_activation(features_3_expand3x3);  features_3_expand3x3 = None
    cat = torch.cat([features_3_expand1x1_activation, features_3_expand3x3_activation], 1);  features_3_expand1x1_activation = features_3_expand3x3_activation = None
    features_4_squeeze = getattr(self.features, "4").squeeze(cat);  cat = None
    features_4_squeeze_activation = getattr(self.features, "4").squeeze_activation(features_4_squeeze);  features_4_squeeze = None
    features_4_expand1x1 = getattr(self.features, "4").expand1x1(features_4_squeeze_activation)
    features_4_expand1x1_activation = getattr(self.features, "4").expand1x1_activation(features_4_expand1x1);  features_4_expand1x1 = None
    features_4_expand3x3 = getattr(self.features, "4").expand3x3(features_4_squeeze_activation);  features_4_squeeze_activation = None
    features_4_expand3x3_activation = getattr(self.features, "4").expand3x3_activation(features_4_expand3x3);  features_4_expand3x3 = None
    cat_1 = torch.cat([features_4_expand1x1_activation, features_4_expand3x3_activation], 1);  features_4_expand1x1_activation = features_4_expand3x3_activation = None
    features_5 = getattr(self.features, "5")(cat_1);  cat_1 = None
    features_6_squeeze = getattr(self.features, "6").squeeze(features_5);  features_5 = None
    features_6_squeeze_activation = getattr(self.features, "6").squeeze_activation(features_6_squeeze);  features_6_squeeze = None
    features_6_expand1x1 = getattr(self.features, "6").expand1x1(features_6_squeeze_activation)
    features_6_expand1x1_activation = getattr(self.features, "6").expand1x1_activation(features_6_expand1x1);  features_6_expand1x1 = None
    features_6_expand3x3 = getattr(self.features, "6").expand3x3(features_6_squeeze_activation);  features_6_squeeze_activation = None
    features_6_expand3x3_activation = getattr(self.features, "6").expand3x3_activation(features_6_expand3x3);  features_6_expand3x3 = None
    cat_2 = torch.cat([features_6_expand1x1_activation, features_6_expand3x3_activation], 1);  features_6_expand1x1_activation = features_6_expand3x3_activation = None
    features_7_squeeze = getattr(self.features, "7").squeeze(cat_2);  cat_2 = None
    features_7_squeeze_activation = getattr(self.features, "7").squeeze_activation(features_7_squeeze);  features_7_squeeze = None
    features_7_expand1x1 = getattr(self.features, "7").expand1x1(features_7_squeeze_activation)
    features_7_expand1x1_activation = getattr(self.features, "7").expand1x1_activation(features_7_expand1x1);  features_7_expand1x1 = None
    features_7_expand3x3 = getattr(self.features, "7").expand3x3(features_7_squeeze_activation);  features_7_squeeze_activation = None
    features_7_expand3x3_activation = getattr(self.features, "7").expand3x3_activation(features_7_expand3x3);  features_7_expand3x3 = None
    cat_3 = torch.cat([features_7_expand1x1_activation, features_7_expand3x3_activation], 1);  features_7_expand1x1_activation = features_7_expand3x3_activation = None
    classifier_0 = getattr(self.classifier, "0")(cat_3);  cat_3 = None
    classifier_1 = getattr(self.classifier, "1")(classifier_0);  classifier_0 = None
    classifier_2 = getattr(self.classifier, "2")(classifier_1);  classifier_1 = None
    classifier_3 = getattr(self.classifier, "3")(classifier_2);  classifier_2 = None
    flatten = torch.flatten(classifier_3, 1);  classifier_3 = None
    return flatten
    
